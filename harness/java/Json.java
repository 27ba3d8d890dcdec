package judge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the harness. Values are null, Boolean, Long (integers that
 * fit), BigInteger (larger integers), Double (anything with a fraction or an exponent), String,
 * List&lt;Object&gt; and Map&lt;String, Object&gt;. Output is compact and ASCII-only.
 */
final class Json {
    private final String s;
    private int i;
    private int depth;

    static final int MAX_DEPTH = 10000;

    private Json(String s) {
        this.s = s;
    }

    static final class ParseError extends Exception {
        ParseError(String msg) {
            super(msg);
        }
    }

    static Object parse(String text) throws ParseError {
        Json p = new Json(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != p.s.length())
            throw p.error("trailing characters");
        return v;
    }

    private ParseError error(String what) {
        return new ParseError(what + " at offset " + i);
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            i++;
        }
    }

    private Object value() throws ParseError {
        if (i >= s.length())
            throw error("unexpected end");
        char c = s.charAt(i);
        switch (c) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string();
        case 't':
            return literal("true", Boolean.TRUE);
        case 'f':
            return literal("false", Boolean.FALSE);
        case 'n':
            return literal("null", null);
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return number();
            throw error("unexpected character");
        }
    }

    private Object literal(String word, Object v) throws ParseError {
        if (!s.startsWith(word, i))
            throw error("bad literal");
        i += word.length();
        return v;
    }

    private Object number() throws ParseError {
        int start = i;
        boolean integral = true;
        if (s.charAt(i) == '-')
            i++;
        int digits = i;
        while (i < s.length() && Character.isDigit(s.charAt(i)))
            i++;
        if (i == digits)
            throw error("bad number");
        if (i < s.length() && s.charAt(i) == '.') {
            integral = false;
            i++;
            int f = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)))
                i++;
            if (i == f)
                throw error("bad number");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-'))
                i++;
            int e = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)))
                i++;
            if (i == e)
                throw error("bad number");
        }
        String t = s.substring(start, i);
        if (integral) {
            if (t.length() <= 18)
                return Long.parseLong(t);
            BigInteger b = new BigInteger(t);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return Double.parseDouble(t);
    }

    private String string() throws ParseError {
        i++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length())
                throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"')
                return b.toString();
            if (c < 0x20)
                throw error("control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length())
                throw error("unterminated string");
            char e = s.charAt(i++);
            switch (e) {
            case '"':
            case '\\':
            case '/':
                b.append(e);
                break;
            case 'b':
                b.append('\b');
                break;
            case 'f':
                b.append('\f');
                break;
            case 'n':
                b.append('\n');
                break;
            case 'r':
                b.append('\r');
                break;
            case 't':
                b.append('\t');
                break;
            case 'u':
                if (i + 4 > s.length())
                    throw error("bad \\u escape");
                try {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                } catch (NumberFormatException x) {
                    throw error("bad \\u escape");
                }
                i += 4;
                break;
            default:
                throw error("bad escape");
            }
        }
    }

    private List<Object> array() throws ParseError {
        if (++depth > MAX_DEPTH)
            throw error("nested too deeply");
        i++;
        List<Object> out = new ArrayList<>();
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            depth--;
            return out;
        }
        while (true) {
            ws();
            out.add(value());
            ws();
            if (i >= s.length())
                throw error("unterminated array");
            char c = s.charAt(i++);
            if (c == ']')
                break;
            if (c != ',')
                throw error("expected , or ]");
        }
        depth--;
        return out;
    }

    private Map<String, Object> object() throws ParseError {
        if (++depth > MAX_DEPTH)
            throw error("nested too deeply");
        i++;
        Map<String, Object> out = new LinkedHashMap<>();
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            depth--;
            return out;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"')
                throw error("expected a key");
            String k = string();
            ws();
            if (i >= s.length() || s.charAt(i) != ':')
                throw error("expected :");
            i++;
            ws();
            out.put(k, value());
            ws();
            if (i >= s.length())
                throw error("unterminated object");
            char c = s.charAt(i++);
            if (c == '}')
                break;
            if (c != ',')
                throw error("expected , or }");
        }
        depth--;
        return out;
    }

    // ---- writing ---------------------------------------------------------------------------

    /** A JSON string literal, ASCII only; a lone surrogate becomes U+FFFD. */
    static void writeString(StringBuilder b, CharSequence s) {
        b.append('"');
        int n = s.length();
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            switch (c) {
            case '"':
                b.append("\\\"");
                break;
            case '\\':
                b.append("\\\\");
                break;
            case '\n':
                b.append("\\n");
                break;
            case '\r':
                b.append("\\r");
                break;
            case '\t':
                b.append("\\t");
                break;
            case '\b':
                b.append("\\b");
                break;
            case '\f':
                b.append("\\f");
                break;
            default:
                if (c >= 0x20 && c < 0x7f) {
                    b.append(c);
                    break;
                }
                if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(s.charAt(k + 1))) {
                    hex(b, c);
                    hex(b, s.charAt(++k));
                } else if (Character.isSurrogate(c)) {
                    hex(b, '\ufffd');
                } else {
                    hex(b, c);
                }
            }
        }
        b.append('"');
    }

    private static void hex(StringBuilder b, char c) {
        b.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++)
            b.append('0');
        b.append(h);
    }

    static String quote(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        writeString(b, s);
        return b.toString();
    }

    /**
     * A double the way Python's repr writes it (2.0, 0.1, 1e-05, 1.5e+16), so that every harness
     * encodes the same value alike; NaN and the infinities are null.
     */
    static void writeDouble(StringBuilder b, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            b.append("null");
            return;
        }
        if (d == 0) {
            b.append((1 / d) < 0 ? "-0.0" : "0.0");
            return;
        }
        // Double.toString round-trips; BigDecimal gives its digits and exponent.
        BigDecimal v = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int exp = digits.length() - v.scale() - 1; // value = d.ddd x 10^exp
        if (d < 0)
            b.append('-');
        if (exp >= -4 && exp < 16) {
            if (exp >= 0) {
                if (digits.length() <= exp + 1) {
                    b.append(digits);
                    for (int k = digits.length(); k < exp + 1; k++)
                        b.append('0');
                    b.append(".0");
                } else {
                    b.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
                }
            } else {
                b.append("0.");
                for (int k = 0; k < -exp - 1; k++)
                    b.append('0');
                b.append(digits);
            }
            return;
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1)
            b.append('.').append(digits, 1, digits.length());
        b.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10)
            b.append('0');
        b.append(a);
    }
}
