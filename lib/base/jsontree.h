/* A yajl tree built with arrays and objects that grow geometrically.
 *
 * yajl_tree_parse grows every array and object by one element per realloc. With glibc that is
 * cheap (large blocks are moved with mremap), but under AddressSanitizer, and on machines where
 * a fresh page costs milliseconds, an 80,000-element test case costs minutes and gigabytes: the
 * copies add up to n^2/2 pointers. json_tree_parse builds the same tree (same yajl_val layout,
 * same number flags, comments allowed as yajl_tree_parse allows them) through yajl's event
 * parser, doubling capacities, so the tree it returns is freed with yajl_tree_free as usual. */
#pragma once

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* Parse len bytes of JSON (no NUL needed). On success a new tree (yajl_tree_free); on failure
 * NULL with yajl's message in errbuf (if errbuf_size > 0), "out of memory" when allocation
 * failed. */
yajl_val json_tree_parse(const char *text, size_t len, char *errbuf, size_t errbuf_size);
