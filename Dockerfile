# termlint in a container, for GitLab CI, Jenkins and corpus-scale runs (docs/ci.md).
# The same set-up as the README's: Debian's libvoikko1 and voikko-fi (and Apertium's Swedish,
# lttoolbox and apertium-swe-nor), then termlint installed
# with pip from this source tree; then one check fills termlint's cache, so that a job starts
# warm. Build from the repository root:  docker build -t termlint .
FROM debian:bookworm-slim

ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvoikko1 voikko-fi lttoolbox apertium-swe-nor \
        python3 python3-venv git \
    && rm -rf /var/lib/apt/lists/*

COPY . /src/termlint
RUN python3 -m venv /opt/termlint \
    && /opt/termlint/bin/python -m pip install --no-cache-dir /src/termlint \
    && rm -rf /src/termlint

# The cache is signed with a key only its owner may read (docs/ci.md, "Keeping the cache"):
# the pre-warmed one serves jobs that run as root, the image's user. Exit 1 is expected from
# the warm-up text, which holds a finding; anything else fails the build.
ENV PATH=/opt/termlint/bin:$PATH \
    TERMLINT_CACHE_DIR=/opt/termlint/cache
RUN printf 'Käytä sähköisiä palveluja ja verkkoasiointia.\n' > /tmp/warm.md \
    && { termlint check --isolated /tmp/warm.md >/dev/null || [ $? -eq 1 ]; } \
    && rm /tmp/warm.md

WORKDIR /work
ENTRYPOINT ["termlint"]
CMD ["check", "."]
