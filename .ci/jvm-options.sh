# shellcheck shell=bash
# Sourced by ./herald. Prints the server's JVM options, one per line, for a JDK of major version
# $1: the lines of server/src/main/resources/dev/herald/server/jvm.options ('#' starts a comment),
# plus -XX:+ZGenerational on JDK 21 and 22 (ZGC is generational only from JDK 23 on).
# dev.herald.server.ServerJvmOptions answers the same list for the load generators in bench/.
herald_jvm_options() {
  local major="$1" root line option
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  while read -r line; do
    line="${line%%#*}"
    for option in $line; do
      printf '%s\n' "$option"
    done
  done < "$root/server/src/main/resources/dev/herald/server/jvm.options"
  if [ "$major" -lt 23 ]; then
    printf '%s\n' "-XX:+ZGenerational"
  fi
}
