package dev.serverlessmysql;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A credentials supplier that can also be asked for fresh credentials when the server refused the ones it gave
 * (access denied, 1045): a rotated Secrets Manager secret or an IAM token cached past its life. The client calls
 * {@link #get()} once per new connection and, after a refusal, {@link #refresh(Credentials)} once before it gives up.
 * Pass it to {@link ServerlessMysqlBuilder#credentials(Supplier)}; a plain {@link Supplier} is simply called again.
 */
@FunctionalInterface
public interface CredentialsSupplier extends Supplier<Credentials> {

    /**
     * Fresh credentials, bypassing any cache, after the server refused {@code rejected}. By default {@link #get()}
     * again.
     */
    default Credentials refresh(Credentials rejected) {
        return get();
    }

    /**
     * A supplier that answers from {@code cached} and, after a refusal, from {@code fresh}: for example a cached
     * secret and a direct read of it.
     */
    static CredentialsSupplier of(Supplier<Credentials> cached, Supplier<Credentials> fresh) {
        Objects.requireNonNull(cached, "cached");
        Objects.requireNonNull(fresh, "fresh");
        return new CredentialsSupplier() {
            @Override
            public Credentials get() {
                return cached.get();
            }

            @Override
            public Credentials refresh(Credentials rejected) {
                return fresh.get();
            }

            @Override
            public String toString() {
                return "CredentialsSupplier[cached, fresh on refusal]";
            }
        };
    }
}
