# agnhost-style test image: a Go binary on a small base, built for many architectures.
ARG BASEIMAGE
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
ARG TARGETARCH
RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /agnhost .

FROM $BASEIMAGE
COPY --from=build /agnhost /agnhost
ENTRYPOINT ["/agnhost"]
