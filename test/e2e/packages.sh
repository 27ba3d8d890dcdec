# Ad-hoc problem packages for the e2e tests and the benches (sourced).

# int_list_problem DIR SLUG TITLE FUNCTION TIME_MS [COMPARE]: DIR/problem.json (and DIR/tests/)
# of an easy problem whose FUNCTION takes an int n and returns int[], with TIME_MS and 256 MB
# limits; COMPARE, if given, is the JSON of its "compare" member. The statement and the tests
# are the caller's.
int_list_problem() {
  mkdir -p "$1/tests"
  {
    printf '{ "format": 1, "slug": "%s", "title": "%s", "difficulty": "easy", "tags": [],\n' "$2" "$3"
    printf '  "limits": { "time_ms": %s, "memory_mb": 256 },\n' "$5"
    printf '  "signature": { "kind": "function", "name": "%s",\n' "$4"
    printf '                 "params": [ { "name": "n", "type": "int" } ], "returns": "int[]" }'
    if [ -n "${6:-}" ]; then
      printf ',\n  "compare": %s }\n' "$6"
    else
      printf ' }\n'
    fi
  } >"$1/problem.json"
}
