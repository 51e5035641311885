package dev.serverlessmysql.leak;

import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Adds three kinds of hook, and nothing else:
 * <ul>
 *   <li>in user and client classes, after every call of {@code getConnection(..)}, {@code connect(..)} or
 *       {@code DriverManager.getConnection(..)}: {@link LeakHooks#atSite(Object, Object, int)} with the result,
 *       the receiver of a no-argument call, and the id of the call site (class, method, file, line);</li>
 *   <li>before every {@code areturn} of a {@code connect(String, Properties)} method (a driver making a physical
 *       connection): {@link LeakHooks#returned(Object, Object)};</li>
 *   <li>on entry to the instance methods of top-level client classes: {@link LeakHooks#clientEntered(Object)}.</li>
 * </ul>
 * No branches are added, so existing stack map frames stay valid and no class hierarchy is needed.
 */
final class JdbcTransformer implements ClassFileTransformer {

    private static final String HOOKS = "dev/serverlessmysql/leak/LeakHooks";
    private static final byte[] CONNECTION = "Connection;".getBytes(StandardCharsets.US_ASCII);
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
            return instrument(className, bytes, loader);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Returns the instrumented class, or {@code null} when it needs no hooks. */
    byte[] instrument(String internalName, byte[] bytes, ClassLoader loader) {
        for (String p : SKIPPED) {
            if (internalName.startsWith(p)) {
                return null;
            }
        }
        String dotted = internalName.replace('/', '.');
        StackClassifier.Category category = tracker.classifier().category(dotted);
        boolean clientEntries = category == StackClassifier.Category.CLIENT && dotted.indexOf('$') < 0;
        if (!clientEntries && !contains(bytes, CONNECTION)) {
            return null;
        }
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) != 0) {
            return null;
        }
        boolean callSites = category == StackClassifier.Category.USER || category == StackClassifier.Category.CLIENT;
        ClassWriter writer = new ClassWriter(reader, 0);
        Visitor v = new Visitor(writer, dotted, loader, clientEntries, callSites,
                category == StackClassifier.Category.CLIENT);
        reader.accept(v, 0);
        if (!v.changed) {
            return null;
        }
        if (v.driverMethods) {
            tracker.connectionClass(dotted);
        }
        return writer.toByteArray();
    }

    /** A driver's {@code connect(String, Properties)}, returning an object. */
    static boolean isDriverConnect(String name, String desc) {
        return "connect".equals(name) && desc.startsWith("(Ljava/lang/String;Ljava/util/Properties;)L");
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

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, n = haystack.length - needle.length; i <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private final class Visitor extends ClassVisitor {
        private final String className;
        private final ClassLoader loader;
        private final boolean clientEntries;
        private final boolean callSites;
        private final boolean client;
        private String sourceFile;
        boolean changed;
        boolean driverMethods;

        Visitor(ClassVisitor cv, String className, ClassLoader loader, boolean clientEntries, boolean callSites,
                boolean client) {
            super(Opcodes.ASM9, cv);
            this.className = className;
            this.loader = loader;
            this.clientEntries = clientEntries;
            this.callSites = callSites;
            this.client = client;
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
            boolean driverConnect = instance && isDriverConnect(name, desc);
            boolean entry = instance && clientEntries;
            if (!driverConnect && !entry && !callSites) {
                return mv;
            }
            driverMethods |= driverConnect;
            return new MethodVisitor(Opcodes.ASM9, mv) {
                private int line = -1;

                @Override
                public void visitCode() {
                    super.visitCode();
                    if (entry && !"<init>".equals(name)) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "clientEntered", "(Ljava/lang/Object;)V",
                                false);
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
                    if (!callSites || !isConnectionCall(opcode, owner, mname, mdesc)) {
                        super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                        return;
                    }
                    changed = true;
                    int site = tracker.registerSite(new Frame(className, name, sourceFile, line), loader, client);
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
                    if (driverConnect && opcode == Opcodes.ARETURN) {
                        super.visitInsn(Opcodes.DUP);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "returned",
                                "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
                        changed = true;
                    } else if (entry && opcode == Opcodes.RETURN && "<init>".equals(name)) {
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "clientEntered", "(Ljava/lang/Object;)V",
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
