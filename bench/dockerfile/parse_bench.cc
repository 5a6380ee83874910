// Parses a generated corpus of 10,000 varied Dockerfiles (parse_dockerfile
// and parse + build_stage_model), against a baseline in the same run that
// only walks the bytes line by line. Wall and process-CPU milliseconds are
// printed (CPU time is steadier on a shared machine). Usage: parse_bench [N]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stages.h"

namespace df = ballast::dockerfile;

namespace {

const char* const kTemplates[] = {
    // python multi-stage with cache mounts
    "# syntax=docker/dockerfile:1\n"
    "ARG PYTHON_VERSION=3.12\n"
    "FROM python:${PYTHON_VERSION}-slim AS builder\n"
    "WORKDIR /app\n"
    "ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \\\n    PYTHONDONTWRITEBYTECODE=1\n"
    "COPY requirements.txt .\n"
    "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install --prefix=/install -r requirements.txt\n"
    "FROM python:${PYTHON_VERSION}-slim\n"
    "COPY --from=builder /install /usr/local\n"
    "COPY . /app\n"
    "USER 1000\n"
    "CMD [\"python\", \"-m\", \"app\"]\n",
    // debian apt, single stage
    "FROM debian:bookworm\n"
    "LABEL maintainer=\"ops@example.com\" version=\"%d\"\n"
    "RUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n"
    "        curl ca-certificates build-essential \\\n    && rm -rf /var/lib/apt/lists/*\n"
    "# copy the app\n"
    "COPY ./src /opt/app\n"
    "EXPOSE 8080/tcp\n"
    "HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1\n"
    "ENTRYPOINT [\"/opt/app/run\"]\n",
    // node with heredoc
    "FROM node:20 AS deps\n"
    "WORKDIR /srv\n"
    "COPY package.json package-lock.json ./\n"
    "RUN npm ci --omit=dev\n"
    "FROM node:20-alpine\n"
    "COPY --from=deps /srv/node_modules ./node_modules\n"
    "COPY <<EOF /srv/config.json\n{\"port\": %d}\nEOF\n"
    "RUN <<-SCRIPT\n\tset -e\n\techo built\nSCRIPT\n"
    "CMD node server.js\n",
    // go static build
    "ARG GO=1.22\n"
    "FROM --platform=$BUILDPLATFORM golang:${GO} AS build\n"
    "ARG TARGETOS TARGETARCH\n"
    "WORKDIR /src\n"
    "RUN --mount=type=bind,target=. --mount=type=cache,target=/root/.cache/go-build \\\n"
    "    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app%d ./cmd\n"
    "FROM gcr.io/distroless/static\n"
    "COPY --from=build /out/ /\n"
    "ENTRYPOINT [\"/app\"]\n",
};

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::vector<std::string> corpus;
  corpus.reserve(static_cast<std::size_t>(n));
  std::size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    const char* t = kTemplates[i % (sizeof kTemplates / sizeof kTemplates[0])];
    std::vector<char> buf(std::strlen(t) + 32);
    std::snprintf(buf.data(), buf.size(), t, i);
    corpus.emplace_back(buf.data());
    bytes += corpus.back().size();
  }
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };

  // Baseline: touch every byte, count lines.
  auto cpu_ms = [](std::clock_t a, std::clock_t b) { return 1000.0 * static_cast<double>(b - a) / CLOCKS_PER_SEC; };
  const std::clock_t c0 = std::clock();
  auto t0 = clock::now();
  std::size_t lines = 0;
  for (const std::string& text : corpus) {
    for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p))) != nullptr; ++p) ++lines;
  }
  auto t1 = clock::now();
  const std::clock_t c1 = std::clock();
  std::size_t instructions = 0;
  for (const std::string& text : corpus) instructions += df::parse_dockerfile(text).instructions.size();
  auto t2 = clock::now();
  const std::clock_t c2 = std::clock();
  std::size_t stages = 0;
  for (const std::string& text : corpus) stages += df::build_stage_model(df::parse_dockerfile(text)).stages.size();
  auto t3 = clock::now();
  const std::clock_t c3 = std::clock();

  std::printf("corpus: %d Dockerfiles, %zu bytes, %zu lines, %zu instructions, %zu stages\n", n, bytes, lines,
              instructions, stages);
  std::printf("%-28s %9s %9s %9s\n", "", "wall ms", "cpu ms", "us/file");
  std::printf("%-28s %9.2f %9.2f %9.2f\n", "baseline (line scan)", ms(t1 - t0), cpu_ms(c0, c1), 1000 * ms(t1 - t0) / n);
  std::printf("%-28s %9.2f %9.2f %9.2f\n", "parse_dockerfile", ms(t2 - t1), cpu_ms(c1, c2), 1000 * ms(t2 - t1) / n);
  std::printf("%-28s %9.2f %9.2f %9.2f\n", "parse + build_stage_model", ms(t3 - t2), cpu_ms(c2, c3),
              1000 * ms(t3 - t2) / n);
  return 0;
}
