package dev.serverlessmysql.test;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class so that its {@code System.getenv} calls read the simulated container's environment instead of the
 * JVM's: plain calls, method references ({@code System::getenv}) and method-handle constants alike.
 *
 * <p>Why bytecode: {@code System.getenv} reads an unmodifiable snapshot that Java offers no supported way to change,
 * and changing it (through reflection into {@code java.lang}) would change it for every container and every test in
 * the JVM at once. Rewriting only the classes a container loads gives each container its own environment and leaves
 * the rest of the JVM alone; the rewrite swaps one static call for another with the same descriptor, so it needs
 * no stack map recomputation.
 */
final class EnvironmentRedirect {

    static final String TARGET = "dev/serverlessmysql/test/container/ContainerEnvironment";
    private static final String SYSTEM = "java/lang/System";
    private static final byte[] MARKER = "getenv".getBytes(StandardCharsets.US_ASCII);

    private EnvironmentRedirect() {
    }

    /**
     * The class with its {@code System.getenv} references redirected, or null when it has none.
     *
     * @throws IllegalArgumentException when the class mentions {@code getenv} but cannot be read (a class file
     *     version newer than this ASM knows, for example): such a class would silently read the real environment
     */
    static byte[] rewrite(String className, byte[] bytes) {
        if (!contains(bytes, MARKER)) {
            return null;
        }
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot redirect System.getenv in " + className + " for a simulated Lambda"
                    + " container: its class file cannot be read (" + e + "). Share the class instead with"
                    + " LambdaSimulator.share(\"" + packageOf(className) + "\"), or use a newer serverless-mysql-test.", e);
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKESTATIC && isGetenv(owner, method)) {
                            changed[0] = true;
                            super.visitMethodInsn(opcode, TARGET, method, desc, false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, itf);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                        Object[] redirected = arguments.clone();
                        for (int i = 0; i < redirected.length; i++) {
                            redirected[i] = redirect(redirected[i], changed);
                        }
                        super.visitInvokeDynamicInsn(name, desc, bootstrap, redirected);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(redirect(value, changed));
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    private static Object redirect(Object constant, boolean[] changed) {
        if (constant instanceof Handle h && h.getTag() == Opcodes.H_INVOKESTATIC && isGetenv(h.getOwner(), h.getName())) {
            changed[0] = true;
            return new Handle(Opcodes.H_INVOKESTATIC, TARGET, h.getName(), h.getDesc(), false);
        }
        return constant;
    }

    private static boolean isGetenv(String owner, String method) {
        return SYSTEM.equals(owner) && "getenv".equals(method);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot + 1);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
