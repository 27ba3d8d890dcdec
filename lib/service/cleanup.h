/* Cleanup attributes for the service stage's foreign handles (base/macro.h has the generic ones):
 * a hiredis reply, a libpq result and a yajl tree are freed when their variable leaves scope,
 * unless TAKE_PTR hands them on. */
#pragma once

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <yajl/yajl_tree.h>

#include "base/macro.h"

static inline void redis_reply_freep(redisReply **p) {
        if (*p)
                freeReplyObject(*p);
}
#define _cleanup_reply_ _cleanup_(redis_reply_freep)

DEFINE_CLEANUP(PGresult, PQclear)
#define _cleanup_pgresult_ _cleanup_(PQclearp)

static inline void yajl_valp(yajl_val *p) {
        if (*p)
                yajl_tree_free(*p);
}
#define _cleanup_yajl_val_ _cleanup_(yajl_valp)
