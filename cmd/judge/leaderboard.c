/* judge leaderboard rebuild ID: recompute a competition's Redis leaderboard from PostgreSQL. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#ifndef JUDGE_NO_SERVICE
#include "service/leaderboard.h"
#endif

static int usage_leaderboard(FILE *f) {
        fputs("Usage: judge leaderboard rebuild COMPETITION_ID [--db CONNINFO] [--redis HOST:PORT]\n"
              "       judge leaderboard show COMPETITION_ID [--top N] [--offset N] [--db ...] [--redis ...]\n"
              "\n"
              "rebuild: recompute the competition's leaderboard (Redis sorted set\n"
              "competition:leaderboard:ID) from the submissions in PostgreSQL, and swap it in atomically.\n"
              "show: print a page of it as JSON (rebuilt first if Redis lost it).\n"
              "\n"
              "  --db CONNINFO      PostgreSQL conninfo (else $JUDGED_DB, $DATABASE_URL)\n"
              "  --redis HOST:PORT  Redis address (else $JUDGED_REDIS, default 127.0.0.1:6379)\n",
              f);
        return f == stdout ? 0 : EXIT_USAGE;
}


int verb_leaderboard(int argc, char **argv) {
        static const struct option longopts[] = { { "db", required_argument, NULL, 'd' },
                                                  { "redis", required_argument, NULL, 'r' },
                                                  { "top", required_argument, NULL, 't' },
                                                  { "offset", required_argument, NULL, 'o' },
                                                  { "help", no_argument, NULL, 'h' },
                                                  { NULL, 0, NULL, 0 } };
        const char *db = getenv("JUDGED_DB") ? getenv("JUDGED_DB") : getenv("DATABASE_URL");
        const char *redis = getenv("JUDGED_REDIS");
        long top = 100, offset = 0;
        int c;
        while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
                switch (c) {
                case 'd': db = optarg; break;
                case 'r': redis = optarg; break;
                case 't':
                        if (cli_number("leaderboard", "--top", optarg, 1, 1000, &top) < 0)
                                return EXIT_USAGE;
                        break;
                case 'o':
                        if (cli_number("leaderboard", "--offset", optarg, 0, 1L << 40, &offset) < 0)
                                return EXIT_USAGE;
                        break;
                case 'h': return usage_leaderboard(stdout);
                default: return usage_leaderboard(stderr);
                }
        }
        if (argc - optind != 2 || (strcmp(argv[optind], "rebuild") != 0 && strcmp(argv[optind], "show") != 0))
                return usage_leaderboard(stderr);
        long lid = 0;
        if (cli_number("leaderboard", "competition id", argv[optind + 1], 1, LONG_MAX, &lid) < 0)
                return EXIT_USAGE;
        long long id = lid;
#ifdef JUDGE_NO_SERVICE
        (void) db, (void) redis, (void) top, (void) offset;
        fprintf(stderr, "judge leaderboard: this judge was built without libpq and hiredis\n");
        return EXIT_USAGE;
#else
        struct judge_error err = { 0 };
        _cleanup_(store_freep) struct store *s = NULL;
        _cleanup_(queue_freep) struct queue *q = NULL;
        if (store_open(db ? db : "dbname=judge", &s, &err) < 0 || queue_open(redis, &q, &err) < 0) {
                fprintf(stderr, "judge leaderboard: %s\n", err.msg);
                return EXIT_USAGE;
        }
        if (strcmp(argv[optind], "rebuild") == 0) {
                long n = 0;
                if (leaderboard_rebuild(s, q, id, &n, &err) < 0) {
                        fprintf(stderr, "judge leaderboard: %s\n", err.msg);
                        return EXIT_VERDICT;
                }
                printf("competition %lld: leaderboard rebuilt, %ld participants\n", id, n);
                return 0;
        }
        struct buf out;
        buf_init(&out, 64 << 20);
        if (leaderboard_page(s, q, id, LEADERBOARD_LIVE, top, offset, &out, &err) < 0) {
                fprintf(stderr, "judge leaderboard: %s\n", err.msg);
                buf_free(&out);
                return EXIT_VERDICT;
        }
        printf("%s\n", out.data);
        buf_free(&out);
        return 0;
#endif
}
