// Attack (test/e2e/secrecy.sh): read the job files in a static initializer, before any case,
// and print them during the first case.
class Solution {
    static final StringBuilder early = new StringBuilder();
    static boolean printed;

    static {
        for (String p : new String[] {"/sub/p/job.json", "/sub/p/job.enc"}) {
            try {
                early.append(new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(p)),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (Exception e) {
                early.append("DENIED " + p + " " + e + "\n");
            }
        }
    }

    public int lastDigits(int n) {
        if (!printed) {
            printed = true;
            System.out.println("EARLY " + early);
        }
        return n % 1000;
    }
}
