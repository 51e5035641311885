package dev.serverlessmysql.leak;

import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Adds hooks, and nothing else:
 * <ul>
 *   <li>in user and client classes, after every call of {@code getConnection(..)}, {@code connect(..)} or
 *       {@code DriverManager.getConnection(..)}: {@link LeakHooks#atSite} with the result, the receiver of a
 *       no-argument call, and the id of the call site (class, method, file, line);</li>
 *   <li>before every {@code areturn} of a driver's {@code connect(String, Properties)}, and of any
 *       {@code connect(..)} returning a connection in library and pool code (MariaDB's
 *       {@code NonRegisteringDriver.connect(Configuration)}): {@link LeakHooks#physical};</li>
 *   <li>on entry to {@code close()} of classes implementing {@code java.sql.Connection}:
 *       {@link LeakHooks#closing}, so that a pool whose connection stays open when the user closes it (MariaDB's
 *       pool) still counts as closed;</li>
 *   <li>in client classes and in pool classes implementing a {@code *DataSource} interface: constructor and
 *       method-entry hooks that tell which pool or client instance made a physical connection.</li>
 * </ul>
 * No branches are added, so existing stack map frames stay valid and no class hierarchy is needed. A class that
 * cannot be instrumented is reported to the tracker, which fails the check closed.
 */
final class JdbcTransformer implements ClassFileTransformer {

    private static final String HOOKS = "dev/serverlessmysql/leak/LeakHooks";
    private static final byte[] CONNECTION = "Connection;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SQL_CONNECTION = "java/sql/Connection".getBytes(StandardCharsets.US_ASCII);
    private static final String[] SKIPPED = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/serverlessmysql/leak/", "org/jacoco/", "org/junit/",
        "org/apache/maven/", "org/opentest4j/", "org/objectweb/asm/", "net/bytebuddy/", "kotlin/"
    };

    private final LeakTracker tracker;

    JdbcTransformer(LeakTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) {
        if (loader == null || className == null || redefined != null || (module != null && module.isNamed())) {
            return null;
        }
        try {
            return instrument(className, bytes, loader, fromDirectory(domain));
        } catch (Throwable e) {
            tracker.instrumentationFailed(className.replace('/', '.'), e);
            return null;
        }
    }

    /** Whether a class comes from a directory (the project's own classes) rather than from a jar. */
    static boolean fromDirectory(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url != null && "file".equals(url.getProtocol()) && url.getPath().endsWith("/");
    }

    /** Returns the instrumented class, or {@code null} when it needs no hooks. */
    byte[] instrument(String internalName, byte[] bytes, ClassLoader loader, boolean project) {
        for (String p : SKIPPED) {
            if (internalName.startsWith(p)) {
                return null;
            }
        }
        String dotted = internalName.replace('/', '.');
        if (tracker.options().excluded(dotted)) {
            return null;
        }
        tracker.classSeen(dotted);
        StackClassifier.Category category = tracker.classifier().category(dotted);
        boolean mayOwn = category == StackClassifier.Category.CLIENT || category == StackClassifier.Category.POOL;
        if (!mayOwn && !contains(bytes, CONNECTION) && !contains(bytes, SQL_CONNECTION)) {
            return null;
        }
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) != 0) {
            return null;
        }
        boolean connectionImpl = false;
        boolean dataSourceImpl = false;
        for (String i : reader.getInterfaces()) {
            connectionImpl |= "java/sql/Connection".equals(i);
            dataSourceImpl |= i.endsWith("DataSource");
        }
        boolean owner = (category == StackClassifier.Category.CLIENT && dotted.indexOf('$') < 0)
                || (category == StackClassifier.Category.POOL && dataSourceImpl);
        Plan plan = new Plan(dotted, loader, project,
                category == StackClassifier.Category.USER || category == StackClassifier.Category.CLIENT,
                category == StackClassifier.Category.CLIENT,
                category == StackClassifier.Category.LIBRARY || category == StackClassifier.Category.POOL,
                connectionImpl, owner);
        ClassWriter writer = new ClassWriter(reader, 0);
        Visitor v = new Visitor(writer, plan);
        reader.accept(v, 0);
        return v.changed ? writer.toByteArray() : null;
    }

    /** What to add to one class. */
    private record Plan(String className, ClassLoader loader, boolean project, boolean callSites, boolean client,
            boolean libraryConnects, boolean connectionImpl, boolean owner) {
    }

    /** A driver's {@code connect(String, Properties)}, returning an object. */
    static boolean isDriverConnect(String name, String desc) {
        return "connect".equals(name) && desc.startsWith("(Ljava/lang/String;Ljava/util/Properties;)L");
    }

    /** Any {@code connect(..)} whose declared result is some kind of connection. */
    static boolean isConnectionFactory(String name, String desc) {
        return "connect".equals(name) && desc.endsWith("Connection;");
    }

    /** The calls that hand out connections, by name and shape; whether the result is one is checked at run time. */
    static boolean isConnectionCall(int opcode, String owner, String name, String desc) {
        if (opcode == Opcodes.INVOKESTATIC) {
            return "java/sql/DriverManager".equals(owner) && "getConnection".equals(name);
        }
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return false;
        }
        if ("getConnection".equals(name)) {
            return desc.startsWith("()L") || desc.startsWith("(Ljava/lang/String;Ljava/lang/String;)L");
        }
        return isDriverConnect(name, desc);
    }

    static boolean isClose(String name, String desc) {
        return "()V".equals(desc) && ("close".equals(name) || "quit".equals(name) || "shutdown".equals(name));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = 0, n = haystack.length - needle.length; i <= n; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private final class Visitor extends ClassVisitor {
        private final Plan plan;
        private String sourceFile;
        boolean changed;

        Visitor(ClassVisitor cv, Plan plan) {
            super(Opcodes.ASM9, cv);
            this.plan = plan;
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
            super.visitSource(source, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return mv;
            }
            boolean instance = (access & Opcodes.ACC_STATIC) == 0;
            boolean physical = (instance && isDriverConnect(name, desc))
                    || (plan.libraryConnects() && isConnectionFactory(name, desc));
            boolean close = instance && plan.connectionImpl() && "close".equals(name) && "()V".equals(desc);
            boolean init = "<init>".equals(name);
            boolean ownerHooks = instance && plan.owner() && (access & Opcodes.ACC_SYNTHETIC) == 0;
            if (!physical && !close && !ownerHooks && !plan.callSites()) {
                return mv;
            }
            return new MethodVisitor(Opcodes.ASM9, mv) {
                private int line = -1;

                @Override
                public void visitCode() {
                    super.visitCode();
                    if (ownerHooks && init) {
                        // before super(): a static call only, 'this' does not exist yet
                        super.visitLdcInsn(plan.className());
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "constructing", "(Ljava/lang/String;)V",
                                false);
                        changed = true;
                    } else if (ownerHooks) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS,
                                isClose(name, desc) ? "ownerClosing" : "ownerEntered", "(Ljava/lang/Object;)V", false);
                        changed = true;
                    }
                    if (close) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "closing", "(Ljava/lang/Object;)V", false);
                        changed = true;
                    }
                }

                @Override
                public void visitLineNumber(int lineNumber, Label start) {
                    line = lineNumber;
                    super.visitLineNumber(lineNumber, start);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                    if (!plan.callSites() || !isConnectionCall(opcode, owner, mname, mdesc)) {
                        super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                        return;
                    }
                    changed = true;
                    int site = tracker.registerSite(new Frame(plan.className(), name, sourceFile, line), plan.loader(),
                            plan.client(), plan.project());
                    boolean receiver = opcode != Opcodes.INVOKESTATIC && mdesc.startsWith("()");
                    if (receiver) {
                        super.visitInsn(Opcodes.DUP);
                    }
                    super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                    if (receiver) {
                        // [receiver, result] -> [result, result, receiver]
                        super.visitInsn(Opcodes.DUP_X1);
                        super.visitInsn(Opcodes.SWAP);
                    } else {
                        super.visitInsn(Opcodes.DUP);
                        super.visitInsn(Opcodes.ACONST_NULL);
                    }
                    super.visitLdcInsn(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "atSite",
                            "(Ljava/lang/Object;Ljava/lang/Object;I)V", false);
                }

                @Override
                public void visitInsn(int opcode) {
                    if (physical && opcode == Opcodes.ARETURN) {
                        super.visitInsn(Opcodes.DUP);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "physical", "(Ljava/lang/Object;)V", false);
                        changed = true;
                    } else if (ownerHooks && init && opcode == Opcodes.RETURN) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "constructed", "(Ljava/lang/Object;)V",
                                false);
                        changed = true;
                    }
                    super.visitInsn(opcode);
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    super.visitMaxs(maxStack + 3, maxLocals);
                }
            };
        }
    }
}
