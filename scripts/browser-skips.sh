#!/usr/bin/env bash
# Ends make test by naming the browser tests that skipped because Chromium is missing (they skip rather than fail, so
# that make test passes on a machine without it), and how to install what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
reports=(*/target/failsafe-reports/TEST-*.xml */target/surefire-reports/TEST-*.xml)
((${#reports[@]})) || exit 0
skipped=$( (grep -l 'Browser test skipped' "${reports[@]}" || true) | sed -E 's|.*/TEST-(.*)\.xml$|\1|' | sort -u)
if [[ -n $skipped ]]; then
  echo "pulse: these browser tests were skipped, for want of /usr/bin/chromium and /usr/bin/chromedriver:"
  printf '  %s\n' $skipped
  echo "pulse: to run them, install both (Debian, Ubuntu: sudo apt-get install -y chromium chromium-driver) and run make test again"
fi
