# A DNS debugging image in the style of Kubernetes' e2e jessie-dnsutils, written for Alpine.
FROM debian:bookworm-20260713-slim
RUN apt-get update && apt-get install -y --no-install-recommends dnsutils && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["dig"]
