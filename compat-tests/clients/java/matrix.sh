#!/usr/bin/env bash
# The Java client programs, against Debian's jars in /usr/share/java (their manifests bring
# the rest of the classpath: jute, netty, guava, ...).
#   matrix.sh build OUT                    compile *.java here into OUT (javac, warnings are errors)
#   matrix.sh run OUT MAIN HOST:PORT [CASE ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jars=/usr/share/java
classpath="$jars/zookeeper.jar:$jars/zookeeper-recipes-lock.jar:$jars/curator-framework.jar:$jars/curator-recipes.jar"

case "${1:-}" in
  build)
    for jar in ${classpath//:/ }; do
      [ -f "$jar" ] || { echo "FAIL missing $jar: apt-get install libzookeeper-java libcurator-framework-java libcurator-recipes-java" >&2; exit 1; }
    done
    # -path: zookeeper.jar's manifest names optional jars Debian does not ship (jline).
    exec javac -Xlint:all,-path -Werror -d "$2" -cp "$classpath" "$here"/*.java
    ;;
  run)
    out="$2"; main="$3"; shift 3
    # A small heap and C1-only JIT start the JVM quickly; warnings and worse go to stderr,
    # except the client's noise about sockets it closed itself.
    exec java -Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Dorg.slf4j.simpleLogger.log.org.apache.zookeeper.ClientCnxn=error \
      -cp "$out:$classpath:$jars/slf4j-simple.jar" "$main" "$@"
    ;;
  *)
    echo "usage: matrix.sh build OUT | run OUT MAIN HOST:PORT [CASE ...]" >&2
    exit 2
    ;;
esac
