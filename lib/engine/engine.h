/* A client for the Docker Engine API v1.41 over a Unix socket (libcurl + yajl). Podman's
 * Docker-compatible service answers on the same paths and is supported too.
 *
 * One struct engine owns one CURL easy handle, reused for every request so the connection to
 * the socket is kept alive between calls. A struct engine is not thread-safe: use one per
 * thread (engine_open is cheap). Every response body is read into a capped buffer.
 *
 * Errors: every fallible function returns >= 0 on success or a negative errno, and describes
 * the failure in err. An HTTP status >= 400 becomes "engine at SOCKET: METHOD /path: STATUS:
 * message" with the engine's own "message"; 404 maps to -ENOENT, 409 to -EBUSY, 400 to -EINVAL,
 * other statuses to -EIO. A transfer aborted by the interrupt flag returns -EINTR. Whatever the
 * errno, a failure of the engine (no socket, refused, timed out, HTTP error, an oversize or
 * malformed answer) has err->kind JUDGE_ERR_ENGINE: it is never the submission's fault, and an
 * -EINVAL from here does not mean bad user input. */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

struct engine;

/* Connect to an engine (lazily: no request is sent yet). url is "unix:///path/to.sock"; NULL
 * means auto: $JUDGE_ENGINE, else $DOCKER_HOST (unix:// only), else the first existing of
 * /run/docker.sock, /var/run/docker.sock, /run/podman/podman.sock,
 * $XDG_RUNTIME_DIR/podman/podman.sock. Fails with -ENOENT when the socket does not exist and
 * -EINVAL when the URL is not unix://. On success *ret owns a new engine (engine_free). */
int engine_open(const char *url, struct engine **ret, struct judge_error *err);
/* Close the connection and free e. NULL-safe; returns NULL. */
struct engine *engine_free(struct engine *e);
DEFINE_CLEANUP(struct engine, engine_free)
/* The socket path this engine talks to (owned by e). */
const char *engine_socket_path(const struct engine *e);

/* GET /version. On success, if ret_desc is non-NULL, *ret_desc is a new string such as
 * "Docker 20.10.24 (API 1.41)" or "Podman 4.3.1 (API 1.41)"; also records which engine it is. */
int engine_ping(struct engine *e, char **ret_desc, struct judge_error *err);
/* GET /_ping: a cheap check that the engine answers (within 5 s), which also tells Docker from
 * Podman (by Podman's response headers). Use it where no description is needed: Podman's /version takes
 * most of a second. */
int engine_probe(struct engine *e, struct judge_error *err);
/* True when the engine is Podman. Pings the engine once if that is not known yet (a failed
 * ping counts as "not Podman"). Podman's compat API differs in small ways the callers need to
 * know about: SecurityOpt "seccomp=" takes a file path on the engine's host, not JSON text
 * (see sandbox.h). */
bool engine_is_podman(struct engine *e);

/* Interruption, per engine: while *flag is non-zero, any transfer of e in progress (and any request
 * of e that starts later) fails with -EINTR, so the caller's cleanup path runs; other engines
 * are not affected. The flag is the caller's (it must outlive e, or be unset first) and may be
 * set from another thread or from a signal handler (a lock-free atomic_int). NULL, the
 * default, turns it off. Cleanup calls (engine_container_kill, engine_container_remove,
 * engine_volume_remove) ignore the flag. */
void engine_set_interrupt(struct engine *e, const atomic_int *flag);

/* ---- containers ---- */

/* POST /containers/create with body (JSON text, e.g. from sandbox_create_body) and an optional
 * name (NULL: the engine picks one). On success *ret_id is the new container's id (free()). */
int engine_container_create(struct engine *e, const char *body, const char *name, char **ret_id,
                            struct judge_error *err);
/* PUT /containers/{id}/archive?path=path: extract the tar (data, len) into path inside the
 * container. Works before start on a volume mount even when the rootfs is read-only. */
int engine_container_put_archive(struct engine *e, const char *id, const char *path, const void *data,
                                 size_t len, struct judge_error *err);
/* POST /containers/{id}/start. Already started (304) counts as success. */
int engine_container_start(struct engine *e, const char *id, struct judge_error *err);
/* POST /containers/{id}/wait: block until the container stops, at most timeout_ms (< 0: no
 * deadline). On success *ret_exit_code (if non-NULL) is its exit status. Returns -ETIMEDOUT
 * when the deadline passes (the container keeps running: the caller kills it). */
int engine_container_wait(struct engine *e, const char *id, long timeout_ms, int *ret_exit_code,
                          struct judge_error *err);
/* POST /containers/{id}/kill?signal=KILL. A container that is not running counts as success.
 * Ignores the interrupt flag. */
int engine_container_kill(struct engine *e, const char *id, struct judge_error *err);

struct engine_state {
        int exit_code;
        bool oom_killed;
        bool running;
        char error[256]; /* State.Error, "" when none */
};
/* GET /containers/{id}/json: the State part. */
int engine_container_inspect(struct engine *e, const char *id, struct engine_state *ret,
                             struct judge_error *err);
/* GET /containers/{id}/logs?stdout=1&stderr=1, demultiplexed into out and err (either may be
 * NULL to drop that stream). At most cap bytes (0: 1 MiB) are kept in each (on top of what they
 * hold; the bufs' own caps apply too); past that the rest is dropped and the buf's truncated
 * flag set.
 * Truncation is not an error. */
int engine_container_logs(struct engine *e, const char *id, size_t cap, struct buf *out, struct buf *err_out,
                          struct judge_error *err);
/* The same request, with stdout handed to sink as it arrives (in pieces of at most 64 KiB,
 * nothing kept, no cap: the sink keeps count) and stderr kept in err_out (at most err_cap bytes,
 * 0: 1 MiB; may be NULL). A negative return from sink stops the transfer, and is returned. */
int engine_container_logs_stream(struct engine *e, const char *id, int (*sink)(void *u, const char *p, size_t n),
                                 void *sink_u, size_t err_cap, struct buf *err_out, struct judge_error *err);
/* DELETE /containers/{id}?force=1&v=1 (kills it if running, removes its anonymous volumes).
 * A container that does not exist (404) counts as success. Ignores the interrupt flag. */
int engine_container_remove(struct engine *e, const char *id, struct judge_error *err);
/* Ids of every container (running or not) carrying label ("key=value" or "key"). On success
 * *ret_ids is a new NULL-terminated array (engine_strv_free). */
int engine_container_list(struct engine *e, const char *label, char ***ret_ids, struct judge_error *err);

/* A scoped guard: declare `_cleanup_(engine_container_guard_release) struct
 * engine_container_guard g = { e, id };` and the container is force-removed when the scope ends,
 * unless ownership was taken with TAKE_PTR(g.id). The guard owns (frees) id. */
struct engine_container_guard {
        struct engine *engine;
        char *id;
};
void engine_container_guard_release(struct engine_container_guard *g);

/* ---- volumes ---- */

/* POST /volumes/create: a named local volume with labels (NULL-terminated "k=v" list, or
 * NULL). Podman ignores labels on anonymous volumes, so the judge creates its /sub volume by
 * name to keep it labelled; see sandbox.h. */
int engine_volume_create(struct engine *e, const char *name, const char *const *labels,
                         struct judge_error *err);
/* DELETE /volumes/{name}?force=1. A volume that does not exist counts as success. Ignores the
 * interrupt flag. */
int engine_volume_remove(struct engine *e, const char *name, struct judge_error *err);
/* Names of every volume carrying label. *ret_names as for engine_container_list. */
int engine_volume_list(struct engine *e, const char *label, char ***ret_names, struct judge_error *err);

/* ---- images ---- */

/* Returns 1 if image ref exists, 0 if not, negative errno on failure. */
int engine_image_exists(struct engine *e, const char *ref, struct judge_error *err);
/* Import a root filesystem tar (a file on this host, streamed as the body) as image repo:tag
 * (POST /images/create?fromSrc=-), then tag it explicitly (Podman's compat import ignores tag
 * and names the image repo:latest; that stray name is removed again). */
int engine_image_import(struct engine *e, const char *tar_path, const char *repo, const char *tag,
                        struct judge_error *err);
/* Called with each progress line of a build, as text (no trailing newline). */
typedef void (*engine_progress_fn)(const char *line, void *userdata);
/* POST /build?t=ref&networkmode=none&dockerfile=Dockerfile&rm=1&forcerm=1 with an in-memory tar
 * build context (it must contain "Dockerfile"). Progress ("stream", "status" or "error" fields)
 * goes to progress (may be NULL). A stream carrying "error"/"errorDetail" is a failure with
 * that message (-EIO). */
int engine_image_build(struct engine *e, const void *context, size_t len, const char *ref,
                       engine_progress_fn progress, void *userdata, struct judge_error *err);
/* POST /images/{src}/tag?repo=repo&tag=tag. */
int engine_image_tag(struct engine *e, const char *src, const char *repo, const char *tag,
                     struct judge_error *err);
/* DELETE /images/{ref}?force=1. A missing image counts as success. */
int engine_image_remove(struct engine *e, const char *ref, struct judge_error *err);

/* ---- helpers ---- */

/* Demultiplex a container log stream: frames of an 8-byte header (stream id 0/1 stdout, 2
 * stderr, 3 engine error; three zero bytes; big-endian uint32 length) then the payload. Stream
 * 1 (and 0) goes to out, 2 and 3 to err (either may be NULL). A stream that does not start with
 * a valid header is taken as raw (TTY) output and appended to out whole. Bytes past the bufs'
 * caps are dropped (truncated flag set). Returns 0 for a well-formed stream, 1 when it was
 * damaged (a truncated last frame, whose partial payload is kept, or an invalid header
 * mid-stream, after which the rest goes to out as raw), -ENOMEM on allocation failure. */
int engine_demux(const void *data, size_t len, struct buf *out, struct buf *err);

/* The incremental form used by engine_container_logs: feed the stream in pieces. */
struct engine_demuxer {
        unsigned char hdr[8];
        size_t hdr_len;    /* header bytes collected so far */
        size_t remaining;  /* payload bytes left in the current frame */
        int stream;        /* of the current frame */
        bool started;      /* the first byte was seen */
        bool raw;          /* not multiplexed (or gave up on the framing) */
        bool damaged;
};
void engine_demuxer_init(struct engine_demuxer *d);
/* Returns 0, or -ENOMEM. Caps: as engine_demux. */
int engine_demuxer_feed(struct engine_demuxer *d, const void *data, size_t len, struct buf *out,
                        struct buf *err);
/* End of stream: returns 0, or 1 if the stream was damaged. */
int engine_demuxer_finish(struct engine_demuxer *d);

/* Free a NULL-terminated string array. NULL-safe; returns NULL. */
char **engine_strv_free(char **v);
DEFINE_CLEANUP(char *, engine_strv_free)
