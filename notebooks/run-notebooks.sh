#!/usr/bin/env bash
# Executes notebooks in place (refreshing the outputs that are committed), on the dde4j kernel.
#   bash notebooks/run-notebooks.sh [notebook.ipynb ...]     (default: every notebook)
# Environment: DDE4J_KERNEL (kernel spec name, default dde4j-java), NB_TIMEOUT (seconds per cell, 1200).
# rapaio-jupyter-kernel 3.0.1 sometimes fails to answer its first kernel_info_request (or, rarely,
# its process ends before answering); such a start is retried, three attempts in all.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
kernel="${DDE4J_KERNEL:-dde4j-java}"
books=("$@")
[ ${#books[@]} -gt 0 ] || books=(*.ipynb)
status=0
for nb in "${books[@]}"; do
    for attempt in 1 2 3; do
        log="$(mktemp)"
        start=$(date +%s)
        PYDEVD_DISABLE_FILE_VALIDATION=1 jupyter nbconvert --to notebook --execute --inplace \
            --ExecutePreprocessor.kernel_name="$kernel" \
            --ExecutePreprocessor.timeout="${NB_TIMEOUT:-1200}" \
            --ExecutePreprocessor.startup_timeout=180 "$nb" > "$log" 2>&1
        rc=$?
        if [ $rc -ne 0 ] && grep -aq -e "didn't respond" -e "Kernel died before replying to kernel_info" "$log"; then
            echo "$nb: kernel did not start (attempt $attempt), retrying" >&2
            rm -f "$log"
            continue
        fi
        echo "$nb: exit $rc after $(( $(date +%s) - start )) s"
        [ $rc -eq 0 ] || { grep -a -v -E 'DEBUG|INFO' "$log" | tail -30 >&2; status=1; }
        rm -f "$log"
        break
    done
done
exit $status
