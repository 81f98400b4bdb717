# shellcheck shell=bash
# Sourced by ./herald and .ci/run. Finds a JDK >= 21 and exports JAVA_HOME and HERALD_JAVA.
# Order: $JAVA_HOME (if set and new enough), the `java` on PATH, then the newest JDK under
# /usr/lib/jvm (or $HERALD_JVM_ROOT). Returns 1 with a message saying what to install when none qualifies.

HERALD_MIN_JAVA=21

# Prints the major version of the JDK whose home is $1 (empty if unknown).
herald_java_major() {
  local home="$1" v=""
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in
    1.*) v=${v#1.} ;;
  esac
  printf '%s\n' "${v%%[.+-]*}"
}

# Succeeds when $1 is a JDK home with bin/java and major version >= 21.
herald_jdk_ok() {
  local major
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  major=$(herald_java_major "$1")
  [ -n "$major" ] && [ "$major" -ge "$HERALD_MIN_JAVA" ] 2>/dev/null
}

herald_find_jdk() {
  local candidate best="" best_major=0 major path_java
  if herald_jdk_ok "${JAVA_HOME:-}"; then
    best="$JAVA_HOME"
  elif path_java=$(command -v java 2>/dev/null) && [ -n "$path_java" ]; then
    candidate=$(dirname "$(dirname "$(readlink -f "$path_java")")")
    if herald_jdk_ok "$candidate"; then
      best="$candidate"
    fi
  fi
  if [ -z "$best" ]; then
    for candidate in "${HERALD_JVM_ROOT:-/usr/lib/jvm}"/*; do
      [ -d "$candidate" ] || continue
      herald_jdk_ok "$candidate" || continue
      major=$(herald_java_major "$candidate")
      if [ "$major" -gt "$best_major" ]; then
        best="$candidate"
        best_major="$major"
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "herald: no JDK $HERALD_MIN_JAVA or newer found (checked JAVA_HOME, 'java' on PATH and /usr/lib/jvm)." >&2
    echo "herald: install JDK $HERALD_MIN_JAVA+ (for example: apt-get install openjdk-21-jdk-headless," >&2
    echo "herald: or Temurin 21/25 from https://adoptium.net) and run again." >&2
    return 1
  fi
  JAVA_HOME=$(readlink -f "$best")
  HERALD_JAVA="$JAVA_HOME/bin/java"
  export JAVA_HOME HERALD_JAVA
}
