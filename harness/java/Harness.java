package judge;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The Java harness of the judge (docs/internals.md): the run step.
 *
 * <pre>java @jvm.args -cp harness.jar:classes judge.Harness</pre>
 *
 * The job comes on fd $JUDGE_JOB_FD (a header line, then a case at a time); answers go to fd
 * $JUDGE_CHANNEL_FD as S/R/E/M/X lines. One generic
 * harness: the user's method is found by name on Solution (or the design class), each JSON
 * argument is converted to the parameter type the user's code declares (int[] or
 * List&lt;Integer&gt;, char[][], ListNode ...), and the answer is encoded by the signature's
 * return type from the runtime value.
 */
public final class Harness {
    static final String SOURCE = "solution.java";
    static final int MESSAGE_CAP = 8192;
    static final int FRAMES_SHOWN = 64;
    static final int MAX_NESTING = 1000;

    private Harness() {}

    /** The job is not what the harness expects: an internal error, not the user's fault. */
    static final class HarnessError extends Exception {
        HarnessError(String msg) {
            super(msg);
        }
    }

    /** The user's code does not fit the signature (no such class, method or parameter type). */
    static final class UserError extends Exception {
        UserError(String msg) {
            super(msg);
        }
    }

    /** The user's return value cannot be encoded (a cycle in a list, ...). */
    static final class AnswerError extends Exception {
        AnswerError(String msg) {
            super(msg);
        }
    }

    // ---- types -----------------------------------------------------------------------------

    enum Kind { INT, LONG, DOUBLE, BOOL, CHAR, STRING, ARRAY, LIST_NODE, TREE_NODE, VOID }

    static final class T {
        final Kind kind;
        final T elem;

        T(Kind kind, T elem) {
            this.kind = kind;
            this.elem = elem;
        }

        @Override
        public String toString() {
            return kind == Kind.ARRAY ? elem + "[]" : kind.name().toLowerCase();
        }
    }

    /**
     * A canonical type of the job (the host's lib/problem/types.c spelled it: a base name, then "[]" per
     * array level; no aliases, no spaces).
     */
    static T parseType(Object o) throws HarnessError {
        if (!(o instanceof String))
            throw new HarnessError("type is not a string: " + o);
        String s = (String) o, t = s;
        int depth = 0;
        while (t.endsWith("[]")) {
            t = t.substring(0, t.length() - 2);
            depth++;
        }
        Kind k;
        switch (t) {
        case "int": k = Kind.INT; break;
        case "long": k = Kind.LONG; break;
        case "double": k = Kind.DOUBLE; break;
        case "bool": k = Kind.BOOL; break;
        case "char": k = Kind.CHAR; break;
        case "string": k = Kind.STRING; break;
        case "ListNode": k = Kind.LIST_NODE; break;
        case "TreeNode": k = Kind.TREE_NODE; break;
        case "void": k = depth == 0 ? Kind.VOID : null; break;
        default: k = null;
        }
        if (k == null)
            throw new HarnessError("unknown type " + Json.quote(s));
        T out = new T(k, null);
        for (; depth > 0; depth--)
            out = new T(Kind.ARRAY, out);
        return out;
    }

    /** Check a JSON value against a signature type: a mismatch is a bad job. */
    static void check(T t, Object v, String where, int depth) throws HarnessError {
        if (depth > MAX_NESTING)
            throw new HarnessError(where + ": nested too deeply");
        switch (t.kind) {
        case INT:
            if (!(v instanceof Long) || (Long) v < Integer.MIN_VALUE || (Long) v > Integer.MAX_VALUE)
                throw new HarnessError(where + ": expected a 32-bit integer");
            return;
        case LONG:
            if (!(v instanceof Long))
                throw new HarnessError(where + ": expected a 64-bit integer");
            return;
        case DOUBLE:
            if (!(v instanceof Long) && !(v instanceof Double) && !(v instanceof BigInteger))
                throw new HarnessError(where + ": expected a number");
            return;
        case BOOL:
            if (!(v instanceof Boolean))
                throw new HarnessError(where + ": expected true or false");
            return;
        case CHAR:
            if (!(v instanceof String) || ((String) v).codePointCount(0, ((String) v).length()) != 1)
                throw new HarnessError(where + ": expected a one-character string");
            return;
        case STRING:
            if (!(v instanceof String))
                throw new HarnessError(where + ": expected a string");
            return;
        case ARRAY:
            if (!(v instanceof List))
                throw new HarnessError(where + ": expected an array");
            List<?> l = (List<?>) v;
            for (int k = 0; k < l.size(); k++)
                check(t.elem, l.get(k), where, depth + 1);
            return;
        case LIST_NODE:
        case TREE_NODE:
            if (!(v instanceof List))
                throw new HarnessError(where + ": expected an array");
            for (Object x : (List<?>) v)
                if (!(x instanceof Long && (Long) x >= Integer.MIN_VALUE && (Long) x <= Integer.MAX_VALUE)
                        && !(x == null && t.kind == Kind.TREE_NODE))
                    throw new HarnessError(where + ": expected an array of integers"
                            + (t.kind == Kind.TREE_NODE ? " and nulls" : ""));
            return;
        default:
            throw new HarnessError(where + ": type " + t + " cannot be an argument");
        }
    }

    // ---- Java types --------------------------------------------------------------------------

    static Class<?> raw(Type jt) {
        if (jt instanceof Class)
            return (Class<?>) jt;
        if (jt instanceof ParameterizedType)
            return raw(((ParameterizedType) jt).getRawType());
        if (jt instanceof GenericArrayType)
            return Array.newInstance(raw(((GenericArrayType) jt).getGenericComponentType()), 0).getClass();
        if (jt instanceof WildcardType) {
            Type[] up = ((WildcardType) jt).getUpperBounds();
            return up.length > 0 ? raw(up[0]) : Object.class;
        }
        if (jt instanceof TypeVariable) {
            Type[] b = ((TypeVariable<?>) jt).getBounds();
            return b.length > 0 ? raw(b[0]) : Object.class;
        }
        return Object.class;
    }

    /** The element type of an array or a collection type (Object when it does not say). */
    static Type elementType(Type jt) {
        if (jt instanceof GenericArrayType)
            return ((GenericArrayType) jt).getGenericComponentType();
        if (jt instanceof Class && ((Class<?>) jt).isArray())
            return ((Class<?>) jt).getComponentType();
        if (jt instanceof ParameterizedType) {
            Type[] a = ((ParameterizedType) jt).getActualTypeArguments();
            if (a.length == 1)
                return a[0];
        }
        if (jt instanceof WildcardType) {
            Type[] up = ((WildcardType) jt).getUpperBounds();
            return up.length > 0 ? elementType(up[0]) : Object.class;
        }
        return Object.class;
    }

    static boolean isCollection(Class<?> c) {
        return c == List.class || c == ArrayList.class || c == Collection.class || c == Iterable.class
                || c == LinkedList.class || c == java.util.AbstractList.class;
    }

    /** Whether a value of signature type t can be given to a parameter of Java type jt. */
    static boolean fits(T t, Type jt) {
        Class<?> c = raw(jt);
        if (c == Object.class)
            return true;
        switch (t.kind) {
        case INT:
            return c == int.class || c == Integer.class || c == long.class || c == Long.class || c == double.class
                    || c == Double.class || c == Number.class;
        case LONG:
            return c == long.class || c == Long.class || c == Number.class;
        case DOUBLE:
            return c == double.class || c == Double.class || c == float.class || c == Float.class
                    || c == Number.class;
        case BOOL:
            return c == boolean.class || c == Boolean.class;
        case CHAR:
            return c == char.class || c == Character.class || c == String.class || c == CharSequence.class;
        case STRING:
            return c == String.class || c == CharSequence.class || (c == char[].class);
        case ARRAY:
            if (c.isArray() || isCollection(c))
                return fits(t.elem, elementType(jt));
            return c == String.class && t.elem.kind == Kind.CHAR;
        case LIST_NODE:
            return c.getSimpleName().equals("ListNode");
        case TREE_NODE:
            return c.getSimpleName().equals("TreeNode");
        default:
            return false;
        }
    }

    // ---- decoding ------------------------------------------------------------------------------

    static final Map<Class<?>, Field[]> FIELDS = new HashMap<>();

    /** Fields of a node class, by name: val then the links. */
    static Field[] nodeFields(Class<?> c, String... names) throws UserError {
        Field[] f = FIELDS.get(c);
        if (f != null)
            return f;
        f = new Field[names.length];
        for (int k = 0; k < names.length; k++) {
            Field x = null;
            for (Class<?> k2 = c; k2 != null && x == null; k2 = k2.getSuperclass()) {
                try {
                    x = k2.getDeclaredField(names[k]);
                } catch (NoSuchFieldException e) {
                    // look in the superclass
                }
            }
            if (x == null)
                throw new UserError(c.getName() + " has no field " + names[k]);
            try {
                x.setAccessible(true);
            } catch (RuntimeException e) {
                throw new UserError("cannot access " + c.getName() + "." + names[k] + ": " + e);
            }
            f[k] = x;
        }
        FIELDS.put(c, f);
        return f;
    }

    static Object newNode(Class<?> c) throws UserError {
        try {
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            return k.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                Constructor<?> k = c.getDeclaredConstructor(int.class);
                k.setAccessible(true);
                return k.newInstance(0);
            } catch (ReflectiveOperationException | RuntimeException e2) {
                throw new UserError("cannot construct a " + c.getName() + ": " + e2);
            }
        }
    }

    static Class<?> nodeClass(Type jt, String name) throws UserError {
        Class<?> c = raw(jt);
        if (c != Object.class)
            return c;
        try {
            return Class.forName(name, false, Harness.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UserError("class " + name + " not found");
        }
    }

    static Object toInt(long x, Class<?> c, String where) throws UserError {
        if (c == int.class || c == Integer.class)
            return (int) x;
        if (c == long.class || c == Long.class)
            return x;
        if (c == double.class || c == Double.class)
            return (double) x;
        if (c == float.class || c == Float.class)
            return (float) x;
        if (c == short.class || c == Short.class)
            return (short) x;
        if (c == Object.class || c == Number.class)
            return (int) x;
        throw new UserError(where + ": an integer cannot be passed as " + c.getTypeName());
    }

    /** Convert a checked JSON value of signature type t to the Java type jt the user declared. */
    static Object convert(Object v, T t, Type jt, String where) throws UserError {
        Class<?> c = raw(jt);
        if (v == null) {
            if (c.isPrimitive())
                throw new UserError(where + ": null cannot be passed as " + c.getName());
            return null;
        }
        switch (t.kind) {
        case INT:
            return toInt((Long) v, c, where);
        case LONG:
            if (c == Object.class || c == Number.class)
                return v;
            return toInt((Long) v, c == int.class || c == Integer.class ? long.class : c, where);
        case DOUBLE: {
            double d = ((Number) v).doubleValue();
            if (c == double.class || c == Double.class || c == Object.class || c == Number.class)
                return d;
            if (c == float.class || c == Float.class)
                return (float) d;
            throw new UserError(where + ": a double cannot be passed as " + c.getTypeName());
        }
        case BOOL:
            if (c == boolean.class || c == Boolean.class || c == Object.class)
                return v;
            throw new UserError(where + ": a boolean cannot be passed as " + c.getTypeName());
        case CHAR:
            if (c == char.class || c == Character.class || c == Object.class)
                return ((String) v).charAt(0);
            if (c == String.class || c == CharSequence.class)
                return v;
            throw new UserError(where + ": a char cannot be passed as " + c.getTypeName());
        case STRING:
            if (c == String.class || c == CharSequence.class || c == Object.class)
                return v;
            if (c == char[].class)
                return ((String) v).toCharArray();
            throw new UserError(where + ": a string cannot be passed as " + c.getTypeName());
        case ARRAY:
            return convertArray((List<?>) v, t, jt, c, where);
        case LIST_NODE: {
            Class<?> nc = nodeClass(jt, "ListNode");
            Field[] f = nodeFields(nc, "val", "next");
            List<?> l = (List<?>) v;
            Object head = null;
            try {
                for (int k = l.size() - 1; k >= 0; k--) {
                    Object n = newNode(nc);
                    f[0].setInt(n, (int) (long) (Long) l.get(k));
                    f[1].set(n, head);
                    head = n;
                }
            } catch (IllegalAccessException | RuntimeException e) {
                throw new UserError(where + ": cannot build a " + nc.getName() + ": " + e);
            }
            return head;
        }
        case TREE_NODE:
            return buildTree((List<?>) v, nodeClass(jt, "TreeNode"), where);
        default:
            throw new UserError(where + ": type " + t + " cannot be an argument");
        }
    }

    static Object convertArray(List<?> l, T t, Type jt, Class<?> c, String where) throws UserError {
        int n = l.size();
        if (c.isArray()) {
            Class<?> comp = c.getComponentType();
            if (comp == int.class && t.elem.kind == Kind.INT) {
                int[] a = new int[n];
                for (int k = 0; k < n; k++)
                    a[k] = (int) (long) (Long) l.get(k);
                return a;
            }
            if (comp == long.class && (t.elem.kind == Kind.INT || t.elem.kind == Kind.LONG)) {
                long[] a = new long[n];
                for (int k = 0; k < n; k++)
                    a[k] = (Long) l.get(k);
                return a;
            }
            if (comp == char.class && t.elem.kind == Kind.CHAR) {
                char[] a = new char[n];
                for (int k = 0; k < n; k++)
                    a[k] = ((String) l.get(k)).charAt(0);
                return a;
            }
            Type et = elementType(jt);
            Object a = Array.newInstance(comp, n);
            for (int k = 0; k < n; k++)
                Array.set(a, k, convert(l.get(k), t.elem, et, where));
            return a;
        }
        if (isCollection(c) || c == Object.class) {
            Type et = elementType(jt);
            List<Object> out = c == LinkedList.class ? new LinkedList<>() : new ArrayList<>(n);
            for (int k = 0; k < n; k++)
                out.add(convert(l.get(k), t.elem, et, where));
            return out;
        }
        if ((c == String.class || c == CharSequence.class) && t.elem.kind == Kind.CHAR) {
            StringBuilder b = new StringBuilder(n);
            for (Object x : l)
                b.append((String) x);
            return b.toString();
        }
        throw new UserError(where + ": an array cannot be passed as " + c.getTypeName());
    }

    static Object buildTree(List<?> v, Class<?> nc, String where) throws UserError {
        if (v.isEmpty() || v.get(0) == null)
            return null;
        Field[] f = nodeFields(nc, "val", "left", "right");
        try {
            Object root = newNode(nc);
            f[0].setInt(root, (int) (long) (Long) v.get(0));
            ArrayDeque<Object> queue = new ArrayDeque<>();
            queue.add(root);
            int i = 1, n = v.size();
            while (i < n) {
                Object node = queue.poll();
                if (node == null)
                    throw new UserError(where + ": level order has values below no parent");
                for (int side = 1; side <= 2 && i < n; side++, i++) {
                    Object x = v.get(i);
                    if (x == null)
                        continue;
                    Object child = newNode(nc);
                    f[0].setInt(child, (int) (long) (Long) x);
                    f[side].set(node, child);
                    queue.add(child);
                }
            }
            return root;
        } catch (IllegalAccessException | RuntimeException e) {
            throw new UserError(where + ": cannot build a " + nc.getName() + ": " + e);
        }
    }

    // ---- encoding ------------------------------------------------------------------------------

    static void encode(StringBuilder b, T t, Object v, int depth) throws AnswerError {
        if (depth > MAX_NESTING)
            throw new AnswerError("return value nested too deeply");
        if (t.kind == Kind.VOID) {
            b.append("null");
            return;
        }
        if (v == null) {
            // A null array (Go's nil) and an empty list or tree all read as [].
            b.append(t.kind == Kind.ARRAY || t.kind == Kind.LIST_NODE || t.kind == Kind.TREE_NODE ? "[]" : "null");
            return;
        }
        switch (t.kind) {
        case INT:
        case LONG:
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger) {
                b.append(v);
                return;
            }
            if (v instanceof Boolean) {
                b.append((Boolean) v ? 1 : 0);
                return;
            }
            if ((v instanceof Double || v instanceof Float) && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())
                    && Math.abs(((Number) v).doubleValue()) < 9.2e18) {
                b.append((long) ((Number) v).doubleValue());
                return;
            }
            break;
        case DOUBLE:
            if (v instanceof Number && !(v instanceof BigDecimal)) {
                Json.writeDouble(b, ((Number) v).doubleValue());
                return;
            }
            break;
        case BOOL:
            if (v instanceof Boolean) {
                b.append(v);
                return;
            }
            break;
        case CHAR:
        case STRING:
            if (v instanceof Character || v instanceof CharSequence) {
                Json.writeString(b, v.toString());
                return;
            }
            break;
        case ARRAY:
            if (v.getClass().isArray()) {
                b.append('[');
                int n = Array.getLength(v);
                if (v instanceof int[]) {
                    int[] a = (int[]) v;
                    for (int k = 0; k < n; k++)
                        (k > 0 ? b.append(',') : b).append(a[k]);
                } else {
                    for (int k = 0; k < n; k++) {
                        if (k > 0)
                            b.append(',');
                        encode(b, t.elem, Array.get(v, k), depth + 1);
                    }
                }
                b.append(']');
                return;
            }
            if (v instanceof Iterable) {
                b.append('[');
                boolean first = true;
                for (Object x : (Iterable<?>) v) {
                    if (!first)
                        b.append(',');
                    first = false;
                    encode(b, t.elem, x, depth + 1);
                }
                b.append(']');
                return;
            }
            if (v instanceof CharSequence && t.elem.kind == Kind.CHAR) {
                CharSequence s = (CharSequence) v;
                b.append('[');
                for (int k = 0; k < s.length(); k++) {
                    if (k > 0)
                        b.append(',');
                    Json.writeString(b, String.valueOf(s.charAt(k)));
                }
                b.append(']');
                return;
            }
            break;
        case LIST_NODE:
            if (v.getClass().getSimpleName().equals("ListNode")) {
                encodeList(b, v);
                return;
            }
            break;
        case TREE_NODE:
            if (v.getClass().getSimpleName().equals("TreeNode")) {
                encodeTree(b, v);
                return;
            }
            break;
        default:
            break;
        }
        encodeAny(b, v, depth);
    }

    static Object get(Field f, Object o) throws AnswerError {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new AnswerError("cannot read " + f + ": " + e);
        }
    }

    static void encodeList(StringBuilder b, Object v) throws AnswerError {
        Field[] f;
        try {
            f = nodeFields(v.getClass(), "val", "next");
        } catch (UserError e) {
            throw new AnswerError(e.getMessage());
        }
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        b.append('[');
        for (boolean first = true; v != null; v = get(f[1], v), first = false) {
            if (seen.put(v, Boolean.TRUE) != null)
                throw new AnswerError("Error - Found cycle in the ListNode");
            if (!first)
                b.append(',');
            encodeAny(b, get(f[0], v), 1);
        }
        b.append(']');
    }

    static void encodeTree(StringBuilder b, Object root) throws AnswerError {
        Field[] f;
        try {
            f = nodeFields(root.getClass(), "val", "left", "right");
        } catch (UserError e) {
            throw new AnswerError(e.getMessage());
        }
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> queue = new ArrayList<>();
        queue.add(root);
        List<String> out = new ArrayList<>();
        for (int qi = 0; qi < queue.size(); qi++) {
            Object node = queue.get(qi);
            if (node == null) {
                out.add(null);
                continue;
            }
            if (seen.put(node, Boolean.TRUE) != null)
                throw new AnswerError("Error - Found cycle in the TreeNode");
            StringBuilder val = new StringBuilder();
            encodeAny(val, get(f[0], node), 1);
            out.add(val.toString());
            queue.add(get(f[1], node));
            queue.add(get(f[2], node));
        }
        int n = out.size();
        while (n > 0 && out.get(n - 1) == null)
            n--;
        b.append('[');
        for (int k = 0; k < n; k++) {
            if (k > 0)
                b.append(',');
            b.append(out.get(k) == null ? "null" : out.get(k));
        }
        b.append(']');
    }

    /** A value whose type does not match the declared one, encoded as JSON would see it. */
    static void encodeAny(StringBuilder b, Object v, int depth) throws AnswerError {
        if (depth > MAX_NESTING)
            throw new AnswerError("return value nested too deeply");
        if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            Json.writeDouble(b, ((Number) v).doubleValue());
        } else if (v instanceof BigDecimal) {
            b.append(((BigDecimal) v).toString());
        } else if (v instanceof Character || v instanceof CharSequence) {
            Json.writeString(b, v.toString());
        } else if (v.getClass().getSimpleName().equals("ListNode")) {
            encodeList(b, v);
        } else if (v.getClass().getSimpleName().equals("TreeNode")) {
            encodeTree(b, v);
        } else if (v.getClass().isArray()) {
            b.append('[');
            for (int k = 0, n = Array.getLength(v); k < n; k++) {
                if (k > 0)
                    b.append(',');
                encodeAny(b, Array.get(v, k), depth + 1);
            }
            b.append(']');
        } else if (v instanceof Iterable) {
            b.append('[');
            Iterator<?> it = ((Iterable<?>) v).iterator();
            for (boolean first = true; it.hasNext(); first = false) {
                if (!first)
                    b.append(',');
                encodeAny(b, it.next(), depth + 1);
            }
            b.append(']');
        } else if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first)
                    b.append(',');
                first = false;
                Json.writeString(b, String.valueOf(e.getKey()));
                b.append(':');
                encodeAny(b, e.getValue(), depth + 1);
            }
            b.append('}');
        } else {
            throw new AnswerError("cannot serialize a return value of type " + v.getClass().getName());
        }
    }

    // ---- signature and job ---------------------------------------------------------------------

    static final class Sig {
        boolean isClass;
        String name;
        List<T> params; // function params, or constructor params
        T returns;
        int outputParam = -1;
        Map<String, List<T>> methodParams = new HashMap<>();
        Map<String, T> methodReturns = new HashMap<>();
    }

    static List<T> parseParams(Object m, String where) throws HarnessError {
        List<T> out = new ArrayList<>();
        if (!(m instanceof Map))
            return out;
        Object ps = ((Map<?, ?>) m).get("params");
        if (ps == null)
            return out;
        if (!(ps instanceof List))
            throw new HarnessError(where + ": params is not an array");
        for (Object p : (List<?>) ps) {
            if (!(p instanceof Map) || !((Map<?, ?>) p).containsKey("type"))
                throw new HarnessError(where + ": a param without a type");
            out.add(parseType(((Map<?, ?>) p).get("type")));
        }
        return out;
    }

    static Sig parseSignature(Object o) throws HarnessError {
        if (!(o instanceof Map) || !(((Map<?, ?>) o).get("name") instanceof String))
            throw new HarnessError("signature without a name");
        Map<?, ?> m = (Map<?, ?>) o;
        Sig s = new Sig();
        s.name = (String) m.get("name");
        Object kind = m.containsKey("kind") ? m.get("kind") : "function";
        if ("class".equals(kind)) {
            s.isClass = true;
            s.params = parseParams(m.get("constructor"), "constructor");
            Object ms = m.get("methods");
            if (ms != null && !(ms instanceof List))
                throw new HarnessError("methods is not an array");
            if (ms != null)
                for (Object x : (List<?>) ms) {
                    if (!(x instanceof Map) || !(((Map<?, ?>) x).get("name") instanceof String))
                        throw new HarnessError("a method without a name");
                    String name = (String) ((Map<?, ?>) x).get("name");
                    s.methodParams.put(name, parseParams(x, name));
                    Object r = ((Map<?, ?>) x).get("returns");
                    s.methodReturns.put(name, parseType(r == null ? "void" : r));
                }
        } else if ("function".equals(kind)) {
            s.params = parseParams(m, s.name);
            Object r = m.get("returns");
            s.returns = parseType(r == null ? "void" : r);
            Object op = m.get("output_param");
            if (op != null) {
                if (!(op instanceof Long) || (Long) op >= s.params.size())
                    throw new HarnessError("output_param out of range");
                s.outputParam = (int) (long) (Long) op;
            }
        } else {
            throw new HarnessError("unknown signature kind " + kind);
        }
        return s;
    }

    // ---- the user's code -----------------------------------------------------------------------

    /** The executables named name with n parameters, in the class and its superclasses. */
    static List<Executable> candidates(Class<?> c, String name, int n) {
        List<Executable> out = new ArrayList<>();
        if (name == null) {
            for (Constructor<?> k : c.getDeclaredConstructors())
                if (k.getParameterCount() == n)
                    out.add(k);
            return out;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass())
            for (Method m : k.getDeclaredMethods())
                if (m.getName().equals(name) && m.getParameterCount() == n && !m.isBridge()
                        && !Modifier.isAbstract(m.getModifiers()))
                    out.add(m);
        for (Method m : c.getMethods())
            if (m.getName().equals(name) && m.getParameterCount() == n && !out.contains(m))
                out.add(m);
        return out;
    }

    /** The user's method (or constructor, name null) best fitting the signature's types. */
    static Executable resolve(Class<?> c, String name, List<T> params) throws UserError {
        List<Executable> cs = candidates(c, name, params.size());
        if (cs.isEmpty()) {
            String what = name == null ? "constructor " + c.getSimpleName() : "method " + name;
            throw new UserError("error: " + what + " with " + params.size() + " parameter"
                    + (params.size() == 1 ? "" : "s") + " not found in class " + c.getSimpleName());
        }
        Executable pick = cs.get(0);
        for (Executable e : cs) {
            Type[] jt = e.getGenericParameterTypes();
            boolean ok = jt.length == params.size();
            for (int k = 0; ok && k < jt.length; k++)
                ok = fits(params.get(k), jt[k]);
            if (ok) {
                pick = e;
                break;
            }
        }
        try {
            pick.setAccessible(true);
        } catch (RuntimeException e) {
            throw new UserError("cannot call " + pick + ": " + e);
        }
        return pick;
    }

    static Class<?> userClass(String name) throws UserError {
        try {
            return Class.forName(name, false, Harness.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UserError("error: class " + name + " not found (" + e + ")");
        }
    }

    static Object[] convertArgs(Executable e, List<T> types, Object args, String where) throws HarnessError,
            UserError {
        if (!(args instanceof List) || ((List<?>) args).size() != types.size())
            throw new HarnessError(where + ": expected " + types.size() + " arguments");
        List<?> l = (List<?>) args;
        for (int k = 0; k < types.size(); k++)
            check(types.get(k), l.get(k), where + "[" + k + "]", 0);
        Type[] jt = e.getGenericParameterTypes();
        Object[] out = new Object[l.size()];
        for (int k = 0; k < out.length; k++)
            out[k] = convert(l.get(k), types.get(k), jt[k], where + "[" + k + "]");
        return out;
    }

    /** One call of a case, its arguments already converted. */
    static final class Step {
        Executable target;
        Object[] args;
        T returns;
    }

    // ---- messages ------------------------------------------------------------------------------

    static String cap(String msg) {
        if (msg.length() <= MESSAGE_CAP)
            return msg;
        return msg.substring(0, MESSAGE_CAP - 16) + "\n... (truncated)";
    }

    /**
     * LeetCode's form: the exception, then each of the user's frames, innermost first, as
     * "  at line N, Class.method"; then the causes the same way.
     */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (int depth = 0; t != null && depth < 8 && seen.put(t, Boolean.TRUE) == null; depth++, t = t.getCause()) {
            if (depth > 0)
                b.append("\nCaused by: ");
            String s;
            try {
                s = t.toString();
            } catch (RuntimeException e) {
                s = t.getClass().getName();
            }
            b.append(s);
            int shown = 0, more = 0;
            for (StackTraceElement f : t.getStackTrace()) {
                if (!SOURCE.equals(f.getFileName()))
                    continue;
                if (shown++ >= FRAMES_SHOWN) {
                    more++;
                    continue;
                }
                b.append("\n  at line ").append(f.getLineNumber()).append(", ").append(f.getClassName()).append('.')
                        .append(f.getMethodName());
            }
            if (more > 0)
                b.append("\n  ... ").append(more).append(" more frames");
            if (b.length() > MESSAGE_CAP)
                break;
        }
        return cap(b.toString());
    }

    // ---- channel, clocks, output ---------------------------------------------------------------

    static final class Channel {
        private final OutputStream out;

        Channel(OutputStream out) {
            this.out = out;
        }

        synchronized void send(String line) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // The runner is gone or the channel is broken: nothing to report to.
                Runtime.getRuntime().halt(2);
            }
        }
    }

    static Channel openChannel() throws IOException {
        String fd = System.getenv("JUDGE_CHANNEL_FD");
        if (fd == null || !fd.matches("[0-9]+"))
            fd = "3";
        // A new descriptor for the same pipe: the JVM opens it close-on-exec, and Java's
        // process launching closes every descriptor above 2 in a child anyway.
        return new Channel(new FileOutputStream("/proc/self/fd/" + fd));
    }

    /** The cases of a job, taken one at a time (case i only once case i-1 has answered). */
    interface Cases {
        int count();

        Object next(int i) throws HarnessError;
    }

    /**
     * The job from the runner's pipe (fd $JUDGE_JOB_FD): a header line, then one line per case,
     * which the runner sends only when the case before it has answered. Opened anew through
     * /proc/self/fd, as the channel is (close-on-exec; Java's process launching closes every
     * descriptor above 2 in a child anyway).
     */
    static final class JobReader implements Cases {
        private final java.io.InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos, end;
        private int count;

        JobReader() throws IOException {
            String fd = System.getenv("JUDGE_JOB_FD");
            if (fd == null || !fd.matches("[0-9]+"))
                fd = "4";
            in = new java.io.FileInputStream("/proc/self/fd/" + fd);
        }

        Object line() throws HarnessError {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            for (;;) {
                if (pos == end) {
                    int n;
                    try {
                        n = in.read(buf, 0, buf.length);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n <= 0) {
                        // Only the user's code can have closed or drained the pipe: its runtime error.
                        flushUser();
                        System.err.println("harness: the job pipe was closed or read by someone else");
                        System.err.flush();
                        Runtime.getRuntime().halt(3);
                    }
                    pos = 0;
                    end = n;
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n')
                    pos++;
                text.write(buf, start, pos - start);
                if (pos < end) {
                    pos++;
                    break;
                }
            }
            try {
                return Json.parse(new String(text.toByteArray(), StandardCharsets.UTF_8));
            } catch (Json.ParseError e) {
                throw new HarnessError(e.getMessage());
            }
        }

        /** Read the header line; returns the signature. */
        Object header() throws HarnessError {
            Object h = line();
            if (!(h instanceof Map))
                throw new HarnessError("the job's header is not an object");
            Object n = ((Map<?, ?>) h).get("case_count");
            if (!(n instanceof Number) || ((Number) n).longValue() < 0 || ((Number) n).longValue() > Integer.MAX_VALUE)
                throw new HarnessError("case_count is not a count");
            count = ((Number) n).intValue();
            return ((Map<?, ?>) h).get("signature");
        }

        public int count() {
            return count;
        }

        public Object next(int i) throws HarnessError {
            return line();
        }
    }

    static Cases listCases(List<?> list) {
        return new Cases() {
            public int count() {
                return list.size();
            }

            public Object next(int i) {
                return list.get(i);
            }
        };
    }

    /** CPU time of the calling thread in nanoseconds (the user's calls run on one thread). */
    static final class Clock {
        private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();

        long nanos() {
            return mx.getCurrentThreadCpuTime();
        }
    }

    static PrintStream userOut, userErr;

    static void flushUser() {
        for (PrintStream p : new PrintStream[] {System.out, System.err, userOut, userErr})
            if (p != null) {
                try {
                    p.flush();
                } catch (RuntimeException e) {
                    // nothing to do
                }
            }
    }

    // ---- the run -------------------------------------------------------------------------------

    static int run(Channel chan, Sig sig, Cases cases) {
        Clock clock = new Clock();
        chan.send("B"); // booted: nothing of the user's class is initialised before this line
        Class<?> cls = null;
        Executable fn = null;
        Map<String, Executable> methods = new HashMap<>();
        UserError setup = null;
        try {
            cls = userClass(sig.isClass ? sig.name : "Solution");
            if (!sig.isClass)
                fn = resolve(cls, sig.name, sig.params);
            else
                methods.put(null, resolve(cls, null, sig.params));
        } catch (UserError e) {
            setup = e;
        }
        Constructor<?> solutionCtor = null;
        if (setup == null && !sig.isClass) {
            try {
                solutionCtor = cls.getDeclaredConstructor();
                solutionCtor.setAccessible(true);
            } catch (NoSuchMethodException | RuntimeException e) {
                setup = new UserError("error: class Solution has no constructor without parameters");
            }
        }

        for (int i = 0; i < cases.count(); i++) {
            Object c;
            try {
                c = cases.next(i);
            } catch (HarnessError e) {
                chan.send("X " + Json.quote("bad job: " + e.getMessage()));
                return 2;
            }
            if (!(c instanceof Map)) {
                chan.send("X " + Json.quote("bad job: case " + i + " is not an object"));
                return 2;
            }
            Map<?, ?> cm = (Map<?, ?>) c;
            List<Step> steps = new ArrayList<>();
            UserError bad = setup;
            try {
                if (bad == null && !sig.isClass) {
                    Step s = new Step();
                    s.target = fn;
                    s.returns = sig.returns;
                    s.args = convertArgs(fn, sig.params, cm.get("args"), "cases[" + i + "].args");
                    steps.add(s);
                } else if (bad == null) {
                    Object calls = cm.get("calls"), args = cm.get("args");
                    if (!(calls instanceof List) || !(args instanceof List) || ((List<?>) calls).isEmpty()
                            || ((List<?>) calls).size() != ((List<?>) args).size())
                        throw new HarnessError("case " + i + ": calls and args do not match");
                    List<?> cl = (List<?>) calls, al = (List<?>) args;
                    for (int j = 0; j < cl.size(); j++) {
                        Step s = new Step();
                        String where = "cases[" + i + "].args[" + j + "]";
                        List<T> types;
                        if (j == 0) {
                            s.target = methods.get(null);
                            types = sig.params;
                        } else {
                            Object name = cl.get(j);
                            types = name instanceof String ? sig.methodParams.get(name) : null;
                            if (types == null)
                                throw new HarnessError("case " + i + ": unknown method " + name);
                            s.returns = sig.methodReturns.get(name);
                            s.target = methods.get(name);
                            if (s.target == null) {
                                s.target = resolve(cls, (String) name, types);
                                methods.put((String) name, s.target);
                            }
                        }
                        s.args = convertArgs(s.target, types, al.get(j), where);
                        steps.add(s);
                    }
                }
            } catch (HarnessError e) {
                chan.send("X " + Json.quote("bad job: " + e.getMessage()));
                return 2;
            } catch (UserError e) {
                bad = e;
            }

            chan.send("S " + i);
            if (bad != null) {
                flushUser();
                chan.send("E " + i + " 0 " + Json.quote(cap(bad.getMessage())));
                return 0;
            }
            long cpu = 0;
            StringBuilder answer = new StringBuilder();
            try {
                Object[] results = new Object[steps.size()];
                long t0 = clock.nanos();
                try {
                    if (!sig.isClass) {
                        Object self = solutionCtor.newInstance();
                        results[0] = ((Method) fn).invoke(self, steps.get(0).args);
                    } else {
                        Object self = ((Constructor<?>) steps.get(0).target).newInstance(steps.get(0).args);
                        for (int j = 1; j < steps.size(); j++)
                            results[j] = ((Method) steps.get(j).target).invoke(self, steps.get(j).args);
                    }
                } finally {
                    cpu = (clock.nanos() - t0) / 1000;
                }
                if (!sig.isClass) {
                    if (sig.returns.kind == Kind.VOID && sig.outputParam >= 0)
                        encode(answer, sig.params.get(sig.outputParam), steps.get(0).args[sig.outputParam], 0);
                    else
                        encode(answer, sig.returns, results[0], 0);
                } else {
                    answer.append("[null");
                    for (int j = 1; j < steps.size(); j++) {
                        answer.append(',');
                        encode(answer, steps.get(j).returns, results[j], 0);
                    }
                    answer.append(']');
                }
            } catch (InvocationTargetException e) {
                Throwable t = e.getCause() != null ? e.getCause() : e;
                flushUser();
                if (t instanceof OutOfMemoryError) {
                    answer = null;
                    chan.send("M " + i + " " + cpu + " " + Json.quote(cap(t.toString())));
                } else {
                    answer = null;
                    chan.send("E " + i + " " + cpu + " " + Json.quote(describe(t)));
                }
                return 0;
            } catch (AnswerError e) {
                flushUser();
                chan.send("E " + i + " " + cpu + " " + Json.quote(cap(e.getMessage())));
                return 0;
            } catch (OutOfMemoryError e) {
                answer = null;
                flushUser();
                chan.send("M " + i + " " + cpu + " " + Json.quote("java.lang.OutOfMemoryError: " + e.getMessage()));
                return 0;
            } catch (StackOverflowError e) {
                flushUser();
                chan.send("E " + i + " " + cpu + " " + Json.quote("java.lang.StackOverflowError"));
                return 0;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                flushUser();
                chan.send("E " + i + " " + cpu + " " + Json.quote(describe(e)));
                return 0;
            }
            flushUser();
            chan.send("R " + i + " " + cpu + " " + answer);
        }
        return 0;
    }

    /**
     * A job on a JDK class, run at image build time: it checks the harness works and, run with
     * -XX:ArchiveClassesAtExit, records the classes a run loads for the CDS archive.
     */
    static final String SELFTEST_JOB = "{\"signature\":{\"kind\":\"class\",\"name\":\"java.util.ArrayList\","
            + "\"constructor\":{\"params\":[]},\"methods\":["
            + "{\"name\":\"add\",\"params\":[{\"name\":\"x\",\"type\":\"int[]\"}],\"returns\":\"bool\"},"
            + "{\"name\":\"size\",\"params\":[],\"returns\":\"double\"},"
            + "{\"name\":\"get\",\"params\":[{\"name\":\"i\",\"type\":\"int\"}],\"returns\":\"int[]\"}]},"
            + "\"cases\":[{\"calls\":[\"java.util.ArrayList\",\"add\",\"size\",\"get\"],\"args\":[[],[[1,2]],[],[0]]},"
            + "{\"calls\":[\"java.util.ArrayList\",\"get\"],\"args\":[[],[5]]}]}";
    static final String SELFTEST_WANT = "B\nS 0\nR 0 * [null,true,1.0,[1,2]]\nS 1\nE 1 * "
            + "\"java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 0\"\n";

    static int selftest() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Channel chan = new Channel(out);
        Map<?, ?> job = (Map<?, ?>) Json.parse(SELFTEST_JOB);
        int[] status = {2};
        Sig sig = parseSignature(job.get("signature"));
        Thread t = new Thread(null, () -> status[0] = run(chan, sig, listCases((List<?>) job.get("cases"))), "main", 16 << 20);
        t.start();
        t.join();
        String got = out.toString(StandardCharsets.UTF_8).replaceAll("(?m)^([RE] [0-9]+) [0-9]+ ", "$1 * ");
        System.out.print(got);
        if (status[0] != 0 || !got.equals(SELFTEST_WANT)) {
            System.out.print("selftest: expected\n" + SELFTEST_WANT);
            return 1;
        }
        return 0;
    }

    public static void main(String[] argv) {
        if (argv.length == 1 && argv[0].equals("--selftest")) {
            int st;
            try {
                st = selftest();
            } catch (Exception e) {
                e.printStackTrace();
                st = 1;
            }
            System.out.flush();
            System.exit(st);
        }
        Channel chan;
        try {
            chan = openChannel();
        } catch (IOException | RuntimeException e) {
            System.err.println("harness: no answer channel: " + e);
            Runtime.getRuntime().halt(2);
            return;
        }
        Sig sig;
        JobReader cases;
        try {
            cases = new JobReader();
            sig = parseSignature(cases.header());
        } catch (HarnessError | IOException | RuntimeException e) {
            chan.send("X " + Json.quote("bad job: " + e.getMessage()));
            Runtime.getRuntime().halt(2);
            return;
        }

        // The user's output: buffered (flushed before every answer line), UTF-8.
        userOut = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
        userErr = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16), false,
                StandardCharsets.UTF_8);
        System.setOut(userOut);
        System.setErr(userErr);

        long stackMb = 256;
        try {
            stackMb = Long.parseLong(System.getProperty("judge.stack_mb", "256"));
        } catch (NumberFormatException e) {
            // keep the default
        }
        int[] status = {2};
        final Sig fsig = sig;
        final Cases fcases = cases;
        Thread t = new Thread(null, () -> {
            try {
                status[0] = run(chan, fsig, fcases);
            } catch (Throwable e) {
                chan.send("X " + Json.quote("harness: " + e));
                status[0] = 2;
            }
        }, "main", stackMb << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            // fall through to the exit
        }
        flushUser();
        // Leave now: threads the user's code left running must not hold the exit.
        Runtime.getRuntime().halt(status[0]);
    }
}
