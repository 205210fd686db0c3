# Rampart's container image: built on the official Swift image, run on its slim runtime image.
# (No Docker engine on the development machines: this file is checked statically by a test.)
FROM swift:6.1-noble AS build
WORKDIR /src
COPY Package.swift Package.resolved ./
RUN swift package resolve
COPY Sources ./Sources
COPY Data ./Data
COPY Examples ./Examples
RUN swift build -c release --product rampart --static-swift-stdlib \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/rampart" /out/rampart

FROM swift:6.1-noble-slim
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin rampart
COPY --from=build /out/rampart /usr/local/bin/rampart
USER 10001
ENTRYPOINT ["/usr/local/bin/rampart"]
CMD ["--help"]
