/* service/boardreplica.c without Redis: the ranks of a replica against a brute-force count (what
 * ZCOUNT -inf (score gives /me's script), under random joins and score changes; the rendered
 * /me answer; the frozen flag of each view. */
#include <stdlib.h>
#include <string.h>

#include "service/boardreplica.h"
#include "tap.h"

#define USERS 3000

static double score_of[USERS + 1];
static bool present[USERS + 1];

static long brute_rank(long long user) {
        long better = 0;
        for (long long u = 1; u <= USERS; u++)
                if (present[u] && score_of[u] < score_of[user])
                        better++;
        return better + 1;
}

/* The rank in a /me answer, -1 if none. */
static long answer_rank(const struct board_replica *r, long long user) {
        struct buf out;
        buf_init(&out, 1 << 16);
        long rank = -1;
        if (board_replica_me(r, user, &out) == 1 && out.data)
                rank = strtol(out.data + strlen("{\"rank\":"), NULL, 10);
        buf_free(&out);
        return rank;
}

int main(void) {
        srand(7);
        struct board_replica *r = board_replica_new(1, LEADERBOARD_PUBLIC, false);
        CHECK(r != NULL, "a new replica");
        /* scores as the board makes them: penalty - solved * 1e9, few distinct values (ties) */
        long wrong = 0, steps = 0;
        for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 500; i++) {
                        long long u = 1 + rand() % USERS;
                        double sc = leaderboard_score(rand() % 5, rand() % 300);
                        char row[96];
                        int n = snprintf(row, sizeof row, "{\"user_id\":%lld,\"solved\":%d}", u, 0);
                        if (board_replica_put(r, u, sc, row, (size_t) n) < 0)
                                wrong++;
                        score_of[u] = sc;
                        present[u] = true;
                        steps++;
                }
                board_replica_settle(r);
                for (int i = 0; i < 200; i++) {
                        long long u = 1 + rand() % USERS;
                        long want = present[u] ? brute_rank(u) : -1;
                        if (answer_rank(r, u) != want)
                                wrong++;
                }
        }
        size_t n = 0;
        for (long long u = 1; u <= USERS; u++)
                n += present[u];
        CHECK(wrong == 0, "%ld puts (joins and score changes) in 20 rounds: every sampled rank equals the brute-force "
                          "count of better scores + 1 (%ld wrong)", steps, wrong);
        CHECK(board_replica_members(r) == n, "members: %zu (want %zu)", board_replica_members(r), n);

        /* ties share a rank; a change moves others' ranks; the answer's text */
        struct board_replica *t = board_replica_new(2, LEADERBOARD_PUBLIC, true);
        board_replica_put(t, 5, leaderboard_score(2, 100), "{\"user_id\":5,\"user\":\"e\"}", 24);
        board_replica_put(t, 3, leaderboard_score(2, 100), "{\"user_id\":3,\"user\":\"c\"}", 24);
        board_replica_put(t, 9, leaderboard_score(1, 10), NULL, 0);
        board_replica_settle(t);
        struct buf out;
        buf_init(&out, 1 << 16);
        board_replica_me(t, 5, &out);
        CHECK(out.data && strcmp(out.data, "{\"rank\":1,\"user_id\":5,\"user\":\"e\",\"frozen\":true}") == 0,
              "a tie at the top shares rank 1; the public view of a frozen board says frozen: %s", out.data);
        buf_reset(&out);
        board_replica_me(t, 9, &out);
        CHECK(out.data && strcmp(out.data, "{\"rank\":3,\"user_id\":null,\"frozen\":true}") == 0,
              "a member without a row: its rank and user_id null: %s", out.data);
        board_replica_put(t, 9, leaderboard_score(3, 400), "{\"user_id\":9}", 13);
        board_replica_settle(t);
        buf_reset(&out);
        board_replica_me(t, 3, &out);
        CHECK(out.data && strncmp(out.data, "{\"rank\":2,", 10) == 0, "a member passing the tie pushes it to rank 2: %s",
              out.data);
        buf_reset(&out);
        CHECK(board_replica_me(t, 4, &out) == 0 && out.len == 0, "someone not on the board: 0, nothing written");
        struct board_replica *live = board_replica_new(2, LEADERBOARD_LIVE, true);
        board_replica_put(live, 5, 0, "{\"user_id\":5}", 13);
        board_replica_settle(live);
        board_replica_me(live, 5, &out);
        CHECK(out.data && strstr(out.data, "\"frozen\":false}"), "the live view (an admin's) is never frozen: %s",
              out.data);
        buf_free(&out);
        board_replica_free(live);
        board_replica_free(t);
        board_replica_free(r);
        return tap_done();
}
