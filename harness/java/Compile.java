package judge;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compile step of the Java harness (docs/internals.md):
 *
 * <pre>java -cp harness.jar judge.Compile solution.java OUTDIR</pre>
 *
 * compiles the user's file with LeetCode's predefined imports in effect, against harness.jar
 * (ListNode, TreeNode, javafx.util.Pair), into OUTDIR. The imports are put on the user's first
 * line, so every message names solution.java with the user's own line numbers; javac's output
 * is printed in javac's own layout. Exit status 0, or 1 with the messages on stdout.
 */
public final class Compile {
    /** In effect before the user's code, as on LeetCode; all on one line. */
    static final String PRELUDE = "import java.util.*;import java.util.function.*;import java.util.stream.*;"
            + "import java.math.*;import javafx.util.*;";

    static final int MAX_ERRORS = 100;

    private Compile() {}

    /** The user's file under its own name; any public class in it is accepted. */
    static final class Source extends SimpleJavaFileObject {
        final String name;
        final String text;

        Source(String name, String text) {
            super(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE);
            this.name = name;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
            // LeetCode takes "public class Solution" too: no file-name rule for public classes.
            return kind == JavaFileObject.Kind.SOURCE;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length != 2) {
            System.out.println("usage: judge.Compile SOURCE OUTDIR");
            return 2;
        }
        String path = args[0];
        String name = Paths.get(path).getFileName().toString();
        String user;
        try {
            user = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println(name + ": " + e.getMessage());
            return 1;
        }
        if (user.startsWith("\uFEFF"))
            user = user.substring(1);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.out.println("judge: no Java compiler in this runtime");
            return 2;
        }
        new File(args[1]).mkdirs();
        String classpath = System.getProperty("java.class.path");
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            // As LeetCode compiles: --enable-preview --release <this JDK's version> (21 in the image).
            List<String> opts = Arrays.asList("-d", args[1], "-cp", classpath, "-proc:none", "-g", "-nowarn",
                    "-Xlint:none", "-Xmaxerrs", String.valueOf(MAX_ERRORS), "-encoding", "UTF-8",
                    "--enable-preview", "--release", String.valueOf(Runtime.version().feature()));
            List<JavaFileObject> units = new ArrayList<>();
            units.add(new Source(name, PRELUDE + user));
            ok = javac.getTask(null, fm, diags, opts, null, units).call();
        } catch (IOException | RuntimeException e) {
            System.out.println("judge: javac failed: " + e);
            return 2;
        }
        if (ok)
            return 0;
        System.out.print(format(diags.getDiagnostics(), name, user));
        return 1;
    }

    /** javac's layout: "file:line: error: message", the source line, a caret, the details. */
    static String format(List<Diagnostic<? extends JavaFileObject>> diags, String name, String user) {
        String[] lines = user.split("\r\n|\r|\n", -1);
        StringBuilder b = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diags) {
            if (d.getKind() != Diagnostic.Kind.ERROR)
                continue;
            if (++errors > MAX_ERRORS)
                break;
            String msg = d.getMessage(Locale.ROOT);
            String first = msg, rest = "";
            int nl = msg.indexOf('\n');
            if (nl >= 0) {
                first = msg.substring(0, nl);
                rest = msg.substring(nl + 1);
            }
            long line = d.getLineNumber();
            long col = d.getColumnNumber();
            if (line == 1 && col != Diagnostic.NOPOS)
                col = Math.max(1, col - PRELUDE.length());
            if (line != Diagnostic.NOPOS && d.getSource() != null)
                b.append(name).append(':').append(line).append(": ");
            b.append("error: ").append(first).append('\n');
            if (line >= 1 && line <= lines.length && col != Diagnostic.NOPOS) {
                String text = lines[(int) line - 1];
                b.append(text).append('\n');
                StringBuilder caret = new StringBuilder();
                for (int k = 0; k < col - 1 && k < text.length(); k++)
                    caret.append(text.charAt(k) == '\t' ? '\t' : ' ');
                b.append(caret).append("^\n");
            }
            if (!rest.isEmpty())
                b.append(rest).append('\n');
        }
        if (errors == 0)
            b.append("error: compilation failed\n");
        else
            b.append(Math.min(errors, MAX_ERRORS)).append(errors == 1 ? " error\n" : " errors\n");
        return b.toString();
    }
}
