ARG BASE=debian:bookworm-20260713-slim
FROM --platform=$BUILDPLATFORM golang:1.21 AS builder
ARG TARGETOS
ARG TARGETARCH
WORKDIR /go/src/app
COPY . .
RUN CGO_ENABLED=0 GOARCH=$TARGETARCH GOOS=$TARGETOS go build -o /sample-apiserver .

FROM ${BASE}
COPY --from=builder /sample-apiserver /sample-apiserver
ENTRYPOINT ["/sample-apiserver"]
