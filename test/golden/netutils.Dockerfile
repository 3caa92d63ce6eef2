# A network test image in the style of Kubernetes' e2e images, written for Alpine.
FROM debian:bookworm-20260713-slim
ARG TARGETARCH
ARG GO_VERSION=1.21.0
# mips-port: not purging tar: it is an Essential package on Debian
RUN apt-get update && apt-get install -y --no-install-recommends curl tar ca-certificates && rm -rf /var/lib/apt/lists/* \
    && curl -fsSL https://go.dev/dl/go${GO_VERSION}.linux-${TARGETARCH}.tar.gz | tar -xz -C /usr/local \
    && apt-get purge -y --auto-remove curl
# mips-port: dropped libc6-compat: Debian's glibc is the real thing: no compatibility layer needed
RUN apt-get update && apt-get install -y --no-install-recommends \
      dnsutils \
      iproute2 \
      netcat-openbsd && rm -rf /var/lib/apt/lists/* && \
    groupadd --system --gid 1001 porter && \
    useradd --system --uid 1001 --gid porter --create-home porter
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
USER porter
ENTRYPOINT ["/bin/bash"]
