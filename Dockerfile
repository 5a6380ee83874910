# ballast's own image: built with the Debian toolchain, shipped with only the
# runtime libraries, run as a non-root user.
#   docker build -t ballast .
#   docker run --rm -v "$PWD:/work" ballast lint Dockerfile
# Without a registry, both bases are build-args (tests/e2e/ship_test.sh passes
# an imported debootstrap image): --build-arg BUILD_BASE=... --build-arg RUNTIME_BASE=...
ARG BUILD_BASE=debian:bookworm-slim
ARG RUNTIME_BASE=debian:bookworm-slim

FROM ${BUILD_BASE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake g++ make pkg-config dpkg-dev file gzip \
      libarchive-dev libisal-dev libzstd-dev libssl-dev libcurl4-openssl-dev nlohmann-json3-dev \
      libcli11-dev libyaml-cpp-dev libtomlplusplus-dev libxxhash-dev libsqlite3-dev libpq-dev libncurses-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt README.md ./
COPY cmake/ cmake/
COPY docs/ docs/
COPY src/ src/
# No .git in the context (.dockerignore): the commit comes in as a build-arg.
ARG BALLAST_GIT_COMMIT=unknown
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBALLAST_TESTS=OFF -DBALLAST_GIT_COMMIT="${BALLAST_GIT_COMMIT}" \
 && cmake --build build -j"$(nproc)" \
 && cd build && cpack -G DEB -B /out && rm -rf /out/_CPack_Packages

FROM ${RUNTIME_BASE} AS runtime
# The .deb built above, installed by apt: its Depends (dpkg-shlibdeps) pull exactly
# the runtime libraries. Bind-mounted, so the package file never lands in a layer.
RUN --mount=type=bind,from=build,source=/out,target=/out \
    apt-get update \
 && apt-get install -y --no-install-recommends /out/ballast_*.deb \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* \
 && useradd --system --uid 10001 --home-dir /work --no-create-home ballast
WORKDIR /work
USER ballast
ENTRYPOINT ["ballast"]
CMD ["--help"]
