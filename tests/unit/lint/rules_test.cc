// For every rule of the table: Dockerfiles that must fire it and Dockerfiles
// that must not (cache mounts, heredocs, ARG expansion, multi-stage). The
// expectations are hand-written from the rule's definition in docs/rules.md,
// not from the linter's output.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "dockerfile/instruction.h"
#include "dockerfile/parser.h"
#include "lint/rule.h"
#include "lint_test_util.h"

namespace ballast::lint {
namespace {

using testing::ids;
using testing::lint;

struct Case {
  const char* id;
  bool fires;
  const char* name;
  const char* dockerfile;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // ---------------- BA1001 apt recommends
      {"BA1001", true, "install without flag",
       "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
      {"BA1001", true, "second command of a chain", "FROM debian:12\nRUN true; apt-get install -y curl\n"},
      {"BA1001", false, "with flag",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl "
       "&& rm -rf /var/lib/apt/lists/*\n"},
      {"BA1001", false, "apt.conf.d set earlier",
       "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/norec\n"
       "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
      {"BA1001", false, "only in a builder stage",
       "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\n"
       "COPY --from=build /etc/hostname /x\n"},
      {"BA1001", false, "word in an echo is not a command", "FROM debian:12\nRUN echo 'apt-get install -y curl'\n"},
      // ---------------- BA1002 apt lists
      {"BA1002", true, "update+install, lists kept",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"},
      {"BA1002", false, "lists removed",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
       "    && rm -rf /var/lib/apt/lists/*\n"},
      // issue 14: a cleanup before the update is no cleanup.
      {"BA1002", true, "lists removed before the update",
       "FROM debian:12\nRUN apt-get clean && rm -rf /var/lib/apt/lists/* && apt-get update \\\n"
       "    && apt-get install -y --no-install-recommends curl\n"},
      {"BA1002", true, "aptitude update", "FROM debian:12\nRUN aptitude update && aptitude install -y curl\n"},
      {"BA1002", false, "cache mount over /var/lib/apt",
       "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt "
       "--mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y --no-install-recommends curl\n"},
      {"BA1002", true, "cache mount over another path only",
       "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n"
       "    apt-get update && apt-get install -y --no-install-recommends curl\n"},
      {"BA1002", true, "heredoc script",
       "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\napt-get update\n"
       "apt-get install -y --no-install-recommends curl\nEOF\n"},
      {"BA1002", false, "heredoc script that cleans",
       "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\nset -e\napt-get update\n"
       "apt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n"},
      // ---------------- BA1003 update in another RUN
      {"BA1003", true, "separate RUNs",
       "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl "
       "&& rm -rf /var/lib/apt/lists/*\n"},
      {"BA1003", false, "same RUN",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl "
       "&& rm -rf /var/lib/apt/lists/*\n"},
      // ---------------- BA1004 upgrade
      {"BA1004", true, "dist-upgrade", "FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n"},
      {"BA1004", false, "no upgrade", "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"},
      // ---------------- BA1005 pip cache
      {"BA1005", true, "pip install", "FROM python:3.12-slim\nRUN pip install flask\n"},
      {"BA1005", true, "python -m pip", "FROM python:3.12-slim\nRUN python3 -m pip install -r requirements.txt\n"},
      {"BA1005", false, "--no-cache-dir", "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"},
      {"BA1005", false, "cache mount",
       "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip "
       "pip install flask\n"},
      {"BA1005", false, "PIP_NO_CACHE_DIR env", "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n"},
      // issue 14: every valid pip boolean disables the cache (pip 23.2.1: `PIP_NO_CACHE_DIR=0 pip cache dir`
      // -> "cache is disabled"), set by ENV, ARG, on the command or exported earlier in the RUN.
      {"BA1005", false, "PIP_NO_CACHE_DIR=true env", "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=true\nRUN pip install flask\n"},
      {"BA1005", false, "PIP_NO_CACHE_DIR arg", "FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=yes\nRUN pip install flask\n"},
      {"BA1005", false, "PIP_NO_CACHE_DIR exported", "FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=on && pip install flask\n"},
      {"BA1005", false, "PIP_NO_CACHE_DIR=0 disables too", "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask\n"},
      {"BA1005", true, "PIP_NO_CACHE_DIR empty", "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=\nRUN pip install flask\n"},
      {"BA1005", true, "PIP_NO_CACHE_DIR exported after the install",
       "FROM python:3.12-slim\nRUN pip install flask && export PIP_NO_CACHE_DIR=1\n"},
      {"BA1005", false, "builder stage only",
       "FROM python:3.12 AS build\nRUN pip install --user flask\nFROM python:3.12-slim\n"
       "COPY --from=build /root/.local /root/.local\n"},
      {"BA1005", false, "uv with cache mount",
       "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv "
       "uv pip install --system -r requirements.txt\n"},
      {"BA1005", true, "uv without cache handling", "FROM python:3.12-slim\nRUN uv pip install --system flask\n"},
      // ---------------- BA1006 apk
      {"BA1006", true, "apk add", "FROM alpine:3.19\nRUN apk add curl\n"},
      {"BA1006", false, "apk add --no-cache", "FROM alpine:3.19\nRUN apk add --no-cache curl\n"},
      {"BA1006", false, "apk cache mount",
       "# syntax=docker/dockerfile:1\nFROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n"},
      // ---------------- BA1007 npm ci
      {"BA1007", true, "npm install", "FROM node:20-slim\nCOPY package*.json ./\nRUN npm install && npm cache clean --force\n"},
      {"BA1007", false, "npm ci", "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n"},
      {"BA1007", false, "npm install of a named package", "FROM node:20-slim\nRUN npm install -g pm2 && npm cache clean --force\n"},
      // ---------------- BA1008 npm/yarn cache
      {"BA1008", true, "npm ci without clean", "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci\n"},
      {"BA1008", false, "npm cache clean", "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n"},
      {"BA1008", true, "yarn cache clean before the install", "FROM node:20-slim\nRUN yarn cache clean && yarn install\n"},
      {"BA1008", true, "npm cache clean before npm ci", "FROM node:20-slim\nRUN npm cache clean --force && npm ci\n"},
      {"BA1008", false, "npm cache mount",
       "# syntax=docker/dockerfile:1\nFROM node:20-slim\nCOPY package*.json ./\n"
       "RUN --mount=type=cache,target=/root/.npm npm ci\n"},
      {"BA1008", true, "yarn install", "FROM node:20-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n"},
      // ---------------- BA1009 removed later
      {"BA1009", true, "download then rm later",
       "FROM debian:12\nRUN curl -fsSL -o /tmp/big.tar.gz https://example.com/big.tar.gz\nRUN rm /tmp/big.tar.gz\n"},
      {"BA1009", true, "apt lists removed later",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
       "RUN rm -rf /var/lib/apt/lists/*\n"},
      {"BA1009", true, "copied then removed", "FROM debian:12\nCOPY data /opt/data\nRUN rm -rf /opt/data/cache\n"},
      {"BA1009", true, "purge of packages installed earlier",
       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc "
       "&& rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y gcc\n"},
      {"BA1009", false, "removed in the same RUN",
       "FROM debian:12\nRUN curl -fsSL -o /tmp/big.tar.gz https://example.com/big.tar.gz && rm /tmp/big.tar.gz\n"},
      {"BA1009", false, "rm of something no earlier step made", "FROM debian:12\nRUN rm -f /etc/motd\n"},
      // ---------------- BA1010 chown -R after COPY
      {"BA1010", true, "chown -R over COPY dest",
       "FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN chown -R app:app /app\n"},
      {"BA1010", true, "chmod -R relative", "FROM debian:12\nWORKDIR /app\nCOPY src/ src/\nRUN chmod -R 755 src\n"},
      {"BA1010", false, "COPY --chown", "FROM debian:12\nWORKDIR /app\nCOPY --chown=app:app . .\n"},
      {"BA1010", false, "chown of another directory",
       "FROM debian:12\nCOPY . /app\nRUN mkdir /data && chown -R app /data\n"},
      // ---------------- BA1011 build tools in the final image
      {"BA1011", true, "build-essential in final",
       "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential "
       "libpq-dev && rm -rf /var/lib/apt/lists/*\n"},
      {"BA1011", true, "in a parent stage of the target",
       "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends gcc "
       "&& rm -rf /var/lib/apt/lists/*\nFROM base AS runtime\nCMD [\"python\"]\n"},
      {"BA1011", false, "only in the builder",
       "FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc "
       "&& rm -rf /var/lib/apt/lists/*\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\n"},
      {"BA1011", false, "apk virtual removed in the same RUN",
       "FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n"},
      // ---------------- BA1012 single-stage compile
      {"BA1012", true, "go build single stage", "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"},
      // Issue 23: installed, used and removed in one RUN, the toolchain is not shipped.
      {"BA1012", false, "apk virtual package deleted in the compiling RUN",
       "FROM alpine:3.19\nCOPY . /src\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev make \\\n"
       "    && make -C /src && apk del .build-deps\n"},
      {"BA1012", false, "apt purge of what the RUN installed",
       "FROM debian:12-slim\nCOPY . /src\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make \\\n"
       "    && make -C /src && apt-get purge -y gcc make && rm -rf /var/lib/apt/lists/*\n"},
      {"BA1012", false, "apt-mark auto then purge --auto-remove (the official images' pattern)",
       "FROM debian:12-slim\nCOPY . /src\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; "
       "apt-get install -y --no-install-recommends gcc libc6-dev make; make -C /src; apt-mark auto '.*' > /dev/null; "
       "apt-mark manual $savedAptMark; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n"},
      {"BA1012", false, "apt-get autoremove of it",
       "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && gcc -o /x x.c "
       "&& apt-get autoremove -y gcc && rm -rf /var/lib/apt/lists/*\n"},
      // Positive controls beside them: deleting another virtual package, or purging something else, keeps the toolchain.
      {"BA1012", true, "apk del of a different virtual package",
       "FROM alpine:3.19\nCOPY . /src\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev make \\\n"
       "    && make -C /src && apk del .other\n"},
      {"BA1012", true, "apt purge of only part of the toolchain",
       "FROM debian:12-slim\nCOPY . /src\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make \\\n"
       "    && make -C /src && apt-get purge -y make && rm -rf /var/lib/apt/lists/*\n"},
      {"BA1012", true, "compile in a toolchain base, removal of nothing it installed",
       "FROM gcc:13\nCOPY . /src\nRUN make -C /src\n"},
      {"BA1012", false, "multi-stage go build",
       "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"
       "FROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n"},
      // ---------------- BA1013 full base
      {"BA1013", true, "python full", "FROM python:3.12\nCMD [\"python\"]\n"},
      {"BA1013", true, "via ARG default", "ARG IMAGE=node:20\nFROM ${IMAGE}\n"},
      {"BA1013", false, "python slim", "FROM python:3.12-slim\n"},
      {"BA1013", false, "full image only in the builder",
       "FROM python:3.12 AS build\nRUN true\nFROM python:3.12-slim\nCOPY --from=build /x /x\n"},
      {"BA1013", false, "ARG default is slim", "ARG IMAGE=python:3.12-slim\nFROM ${IMAGE}\n"},
      // ---------------- BA1014 ADD URL/archive
      {"BA1014", true, "ADD url", "FROM debian:12\nADD https://example.com/tool.tar.gz /opt/\n"},
      {"BA1014", true, "ADD local archive", "FROM debian:12\nADD rootfs.tar.xz /\n"},
      {"BA1014", false, "COPY of an archive", "FROM debian:12\nCOPY rootfs.tar.xz /tmp/\n"},
      {"BA1014", true, "ADD of a quoted archive", "FROM debian:12\nADD \"rootfs.tar.gz\" /\n"},
      // ---------------- BA1015 torch
      {"BA1015", true, "torch from PyPI", "FROM python:3.11-slim\nRUN pip install --no-cache-dir torch torchvision\n"},
      {"BA1015", false, "cpu index",
       "FROM python:3.11-slim\nRUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch\n"},
      {"BA1015", false, "cuda base", "FROM nvidia/cuda:12.4.0-runtime-ubuntu22.04\nRUN pip install --no-cache-dir torch\n"},
      {"BA1015", true, "tensorflow", "FROM python:3.11-slim\nRUN pip install --no-cache-dir tensorflow==2.15\n"},
      // ---------------- BA1016 dev tools
      {"BA1016", true, "pytest in final", "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask pytest\n"},
      {"BA1016", true, "requirements-dev", "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements-dev.txt\n"},
      {"BA1016", false, "runtime requirements", "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n"},
      // ---------------- BA1017 yum/dnf
      {"BA1017", true, "dnf install", "FROM fedora:40\nRUN dnf install -y gcc\n"},
      {"BA1017", false, "dnf clean all", "FROM fedora:40\nRUN dnf install -y curl && dnf clean all\n"},
      // issue 14: an rm of the cache counts (dnf 4, dnf 5, microdnf/yum, zypper), but only after the install.
      {"BA1017", false, "rm of /var/cache/dnf", "FROM fedora:40\nRUN dnf install -y curl && rm -rf /var/cache/dnf\n"},
      {"BA1017", false, "rm of /var/cache/yum after dnf", "FROM fedora:40\nRUN dnf install -y curl && rm -rf /var/cache/yum/*\n"},
      {"BA1017", false, "rm of /var/cache/libdnf5", "FROM fedora:41\nRUN dnf install -y curl && rm -rf /var/cache/libdnf5\n"},
      {"BA1017", false, "rm of /var/cache/yum", "FROM centos:7\nRUN yum install -y curl && rm -rf /var/cache/yum\n"},
      {"BA1017", false, "rm of /var/cache/zypp", "FROM opensuse/leap:15.6\nRUN zypper install -y curl && rm -rf /var/cache/zypp\n"},
      {"BA1017", true, "clean before the install", "FROM fedora:40\nRUN dnf clean all && dnf install -y curl\n"},
      {"BA1017", true, "rm before the install", "FROM fedora:40\nRUN rm -rf /var/cache/dnf && dnf install -y curl\n"},
      {"BA1017", true, "dnf upgrade alias", "FROM fedora:40\nRUN dnf -y up\n"},
      // ---------------- BA2001 COPY . . before install
      {"BA2001", true, "seed 002 bad order", "FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"},
      {"BA2001", false, "seed 002 good order",
       "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./app/\n"},
      {"BA2001", false, "install before COPY . . then local package",
       "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
       "RUN pip install --no-cache-dir --no-deps .\n"},
      // ---------------- BA2002 manifests with code
      {"BA2002", true, "requirements with code",
       "FROM python:3.11-slim\nCOPY requirements.txt app.py ./\nRUN pip install --no-cache-dir -r requirements.txt\n"},
      {"BA2002", false, "manifests alone",
       "FROM node:20-slim\nCOPY package.json package-lock.json ./\nRUN npm ci && npm cache clean --force\nCOPY src/ src/\n"},
      // ---------------- BA2003 syntax directive
      {"BA2003", true, "mount without syntax", "FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n"},
      {"BA2003", true, "heredoc without syntax", "FROM alpine:3.19\nRUN <<EOF\necho hi\nEOF\n"},
      {"BA2003", false, "with syntax",
       "# syntax=docker/dockerfile:1\nFROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n"},
      {"BA2003", false, "no BuildKit feature", "FROM alpine:3.19\nRUN apk add --no-cache curl\n"},
      // ---------------- BA2004 consecutive RUNs
      {"BA2004", true, "two RUNs", "FROM debian:12\nRUN echo a\nRUN echo b\n"},
      {"BA2004", false, "separated by COPY", "FROM debian:12\nRUN echo a\nCOPY x /x\nRUN echo b\n"},
      {"BA2004", false, "different mounts",
       "# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=secret,id=t cat /run/secrets/t\nRUN echo b\n"},
      // DL3059: a RUN that already chains commands is a deliberate group.
      {"BA2004", false, "one of them chained", "FROM debian:12\nRUN a && b\nRUN c\n"},
      {"BA2004", true, "two single commands after a chained one", "FROM debian:12\nRUN a && b\nRUN c\nRUN d\n"},
      // ---------------- BA2005 cache mount suggestion
      {"BA2005", true, "pip without cache mount", "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"},
      {"BA2005", false, "pip with cache mount",
       "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n"},
      // ---------------- BA3001 / BA3002 user
      {"BA3001", true, "USER root last", "FROM debian:12\nUSER app\nUSER root\n"},
      {"BA3001", false, "USER app last", "FROM debian:12\nUSER root\nRUN id\nUSER app\n"},
      {"BA3001", false, "root only in builder", "FROM debian:12 AS b\nUSER root\nFROM debian:12\nUSER app\n"},
      {"BA3002", true, "no USER", "FROM debian:12\nCMD [\"bash\"]\n"},
      {"BA3002", false, "USER set", "FROM debian:12\nUSER 1000\n"},
      {"BA3002", false, "scratch image", "FROM scratch\nCOPY app /app\n"},
      // ---------------- BA3003 secrets
      {"BA3003", true, "ARG secret", "FROM debian:12\nARG AWS_SECRET_ACCESS_KEY\n"},
      {"BA3003", true, "ENV token", "FROM debian:12\nENV GITHUB_TOKEN=abc\n"},
      {"BA3003", false, "public key allowed", "FROM debian:12\nARG PUBLIC_KEY\n"},
      {"BA3003", false, "key as part of a word", "FROM debian:12\nENV MONKEY=1 KEYBOARD=us\n"},
      // ---------------- BA3004 sudo
      {"BA3004", true, "sudo", "FROM debian:12\nRUN sudo apt-get update && echo\n"},
      {"BA3004", false, "no sudo", "FROM debian:12\nRUN echo sudo\n"},
      // ---------------- BA3005 / BA3006 tags
      {"BA3005", true, "no tag", "FROM ubuntu\n"},
      {"BA3005", false, "tag", "FROM ubuntu:24.04\n"},
      {"BA3005", false, "digest", "FROM ubuntu@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"},
      {"BA3005", false, "stage reference", "FROM ubuntu:24.04 AS base\nFROM base\n"},
      {"BA3006", true, "latest", "FROM ubuntu:latest\n"},
      {"BA3006", true, "latest via ARG", "ARG TAG=latest\nFROM ubuntu:${TAG}\n"},
      {"BA3006", false, "pinned via ARG", "ARG TAG=24.04\nFROM ubuntu:${TAG}\n"},
      // ---------------- BA3007 curl | sh
      {"BA3007", true, "curl | sh", "FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n"},
      {"BA3007", true, "wget | sudo bash", "FROM debian:12\nRUN wget -qO- https://x.example | sudo bash -s\n"},
      {"BA3007", true, "sh -c $(curl)", "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://x.example/i.sh)\"\n"},
      {"BA3007", false, "curl to a file", "FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && sha256sum -c sums\n"},
      {"BA3007", false, "curl | tar", "FROM debian:12\nRUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt\n"},
      // ---------------- BuildKit checks
      {"BA4001", true, "StageNameCasing", "FROM alpine:3.19 AS Builder\n"},
      {"BA4001", false, "lowercase stage", "FROM alpine:3.19 AS builder\n"},
      {"BA4002", true, "FromAsCasing", "FROM alpine:3.19 as builder\n"},
      {"BA4002", false, "matching casing", "from alpine:3.19 as builder\n"},
      {"BA4003", true, "DuplicateStageName", "FROM alpine:3.19 AS a\nFROM alpine:3.19 AS A\n"},
      {"BA4003", false, "unique names", "FROM alpine:3.19 AS a\nFROM alpine:3.19 AS b\n"},
      {"BA4004", true, "ReservedStageName", "FROM alpine:3.19 AS scratch\n"},
      {"BA4004", false, "normal name", "FROM alpine:3.19 AS scratchpad\n"},
      {"BA4005", true, "JSONArgsRecommended", "FROM alpine:3.19\nCMD echo hi\n"},
      {"BA4005", false, "exec form", "FROM alpine:3.19\nCMD [\"echo\", \"hi\"]\n"},
      {"BA4005", false, "custom SHELL", "FROM alpine:3.19\nSHELL [\"/bin/ash\", \"-c\"]\nENTRYPOINT my-app\n"},
      {"BA4006", true, "MaintainerDeprecated", "FROM alpine:3.19\nMAINTAINER me@example.com\n"},
      {"BA4006", false, "label", "FROM alpine:3.19\nLABEL org.opencontainers.image.authors=me\n"},
      {"BA4007", true, "UndefinedArgInFrom", "FROM alpine:${VERSION}\n"},
      {"BA4007", false, "declared", "ARG VERSION=3.19\nFROM alpine:${VERSION}\n"},
      {"BA4007", false, "automatic platform arg", "FROM --platform=$BUILDPLATFORM alpine:3.19\n"},
      {"BA4008", true, "UndefinedVar", "FROM alpine:3.19\nCOPY $SRC /app\n"},
      {"BA4008", true, "global ARG not redeclared", "ARG DIR=/app\nFROM alpine:3.19\nWORKDIR $DIR\n"},
      {"BA4008", false, "ARG in stage", "FROM alpine:3.19\nARG SRC=.\nCOPY $SRC /app\n"},
      {"BA4008", false, "PATH of the base image", "FROM alpine:3.19\nENV PATH=/opt/bin:$PATH\n"},
      {"BA4008", false, "RUN is the shell's business", "FROM alpine:3.19\nRUN echo $UNSET_THING\n"},
      {"BA4009", true, "WorkdirRelativePath", "FROM alpine:3.19\nWORKDIR app\n"},
      {"BA4009", false, "absolute then relative", "FROM alpine:3.19\nWORKDIR /srv\nWORKDIR app\n"},
      // issue 14: quotes are syntax, not the path (BuildKit's lexer removes them).
      {"BA4009", false, "double-quoted absolute", "FROM alpine:3.19\nWORKDIR \"/app\"\n"},
      {"BA4009", false, "single-quoted absolute", "FROM alpine:3.19\nWORKDIR '/app'\n"},
      {"BA4009", true, "double-quoted relative", "FROM alpine:3.19\nWORKDIR \"app\"\n"},
      {"BA4010", true, "two CMDs", "FROM alpine:3.19\nCMD [\"a\"]\nCMD [\"b\"]\n"},
      {"BA4010", false, "CMDs in different stages", "FROM alpine:3.19 AS a\nCMD [\"a\"]\nFROM alpine:3.19\nCMD [\"b\"]\n"},
      {"BA4011", true, "legacy ENV", "FROM alpine:3.19\nENV FOO bar\n"},
      {"BA4011", false, "ENV key=value", "FROM alpine:3.19\nENV FOO=bar\n"},
      {"BA4012", true, "RedundantTargetPlatform", "FROM --platform=$TARGETPLATFORM alpine:3.19\n"},
      {"BA4012", false, "BUILDPLATFORM", "FROM --platform=$BUILDPLATFORM alpine:3.19\n"},
      {"BA4013", true, "InvalidDefaultArgInFrom", "ARG TAG\nFROM alpine:${TAG}\n"},
      {"BA4013", true, "empty image", "ARG IMAGE\nFROM ${IMAGE}\n"},
      {"BA4013", false, "default given", "ARG TAG=3.19\nFROM alpine:${TAG}\n"},
      {"BA4013", false, "default via :-", "ARG TAG\nFROM alpine:${TAG:-3.19}\n"},
      {"BA4014", true, "ExposeProtoCasing", "FROM alpine:3.19\nEXPOSE 80/TCP\n"},
      {"BA4014", true, "one port of several (the fix keeps the others)", "FROM alpine:3.19\nEXPOSE 443 80/TCP\n"},
      {"BA4014", false, "lowercase proto", "FROM alpine:3.19\nEXPOSE 80/tcp 53/udp\n"},
      {"BA4015", true, "ExposeInvalidFormat", "FROM alpine:3.19\nEXPOSE 8080:80\n"},
      {"BA4015", false, "plain port", "FROM alpine:3.19\nEXPOSE 8080\n"},
      {"BA4016", true, "NoEmptyContinuation", "FROM alpine:3.19\nRUN echo a \\\n\n    && echo b\n"},
      {"BA4016", false, "comment in continuation", "FROM alpine:3.19\nRUN echo a \\\n# note\n    && echo b\n"},
      {"BA4017", true, "ConsistentInstructionCasing", "FROM alpine:3.19\nRUN echo a\nworkdir /x\n"},
      {"BA4017", false, "all lower", "from alpine:3.19\nrun echo a\n"},
      {"BA4018", true, "unknown stage", "FROM alpine:3.19\nCOPY --from=biulder /out /out\n"},
      {"BA4018", true, "index not defined before", "FROM alpine:3.19\nCOPY --from=1 /out /out\n"},
      {"BA4018", false, "known stage", "FROM alpine:3.19 AS builder\nRUN true\nFROM alpine:3.19\nCOPY --from=builder /out /out\n"},
      {"BA4018", false, "external image", "FROM alpine:3.19\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n"},
      // issue 14: BuildKit fails on a stage defined later (moby/buildkit#4568).
      {"BA4018", true, "alias defined later",
       "FROM alpine:3.19\nCOPY --from=build /out /out\nFROM alpine:3.19 AS build\nRUN true\n"},
      {"BA4019", true, "path never created",
       "FROM scratch AS files\nCOPY conf/ /etc/app/\nFROM alpine:3.19\nCOPY --from=files /opt/app /opt/app\n"},
      {"BA4019", false, "path created",
       "FROM scratch AS files\nCOPY conf/ /etc/app/\nFROM alpine:3.19\nCOPY --from=files /etc/app/app.conf /etc/\n"},
      {"BA4019", false, "stage on an image is not knowable",
       "FROM alpine:3.19 AS files\nFROM alpine:3.19\nCOPY --from=files /opt/app /opt/app\n"},
      {"BA4021", true, "ADD of plain file", "FROM alpine:3.19\nADD app.py /app/\n"},
      {"BA4021", false, "COPY", "FROM alpine:3.19\nCOPY app.py /app/\n"},
      {"BA4021", false, "ADD URL is BA1014's business", "FROM alpine:3.19\nADD https://example.com/x /x\n"},
      // issue 14: ADD of a local tar archive extracts it, the one thing COPY cannot do.
      {"BA4021", false, "ADD of a tar.gz", "FROM alpine:3.19\nADD archive.tar.gz /dst\n"},
      {"BA4021", false, "ADD of a quoted tgz", "FROM alpine:3.19\nADD \"archive.tgz\" /dst\n"},
      {"BA4021", false, "ADD of a .gz (may hold a tar)", "FROM alpine:3.19\nADD file.gz /dst\n"},
      {"BA4021", true, "ADD of a zip is never extracted", "FROM alpine:3.19\nADD file.zip /dst/\n"},
  };
  return kCases;
}

TEST(LintRules, EveryCase) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(std::string(c.id) + ": " + c.name);
    auto found = ids(lint(c.dockerfile));
    EXPECT_EQ(found.count(c.id) == 1, c.fires) << c.dockerfile;
  }
}

// Every rule of the table has at least one case that fires and one that does
// not (here or in the dedicated tests below, listed in kElsewhere).
TEST(LintRules, EveryRuleHasBothKindsOfCase) {
  std::map<std::string, std::set<bool>> seen;
  for (const auto& c : cases()) seen[c.id].insert(c.fires);
  // BA6xxx read Compose files: tests/unit/compose/compose_test.cc (ComposeRules) has both kinds for each.
  const std::set<std::string> kElsewhere = {"BA1018", "BA2006", "BA3008", "BA4020", "BA4022", "BA4023", "BA6001", "BA6002",
                                            "BA6003", "BA6004", "BA6005", "BA6006", "BA6007", "BA6008", "BA6009"};
  for (const auto& r : rules()) {
    std::string id(r.id);
    if (kElsewhere.count(id)) continue;
    EXPECT_EQ(seen[id].size(), 2u) << id << " needs a firing and a non-firing case";
  }
}

TEST(LintRules, TrustedRegistries) {
  LintOptions options;
  options.config.trusted_registries = {"ghcr.io", "registry.example.com/mirror"};
  EXPECT_TRUE(ids(lint("FROM python:3.12-slim\n", options)).count("BA3008"));
  EXPECT_FALSE(ids(lint("FROM ghcr.io/org/app:1\n", options)).count("BA3008"));
  EXPECT_FALSE(ids(lint("FROM registry.example.com/mirror/python:3.12-slim\n", options)).count("BA3008"));
  EXPECT_TRUE(ids(lint("FROM registry.example.com/other/python:3.12-slim\n", options)).count("BA3008"));
  // Without the list nothing is untrusted.
  EXPECT_FALSE(ids(lint("FROM python:3.12-slim\n")).count("BA3008"));
  // Globs (hadolint DL3026), and the images COPY --from / RUN --mount=from pull.
  options.config.trusted_registries = {"*.example.com"};
  EXPECT_FALSE(ids(lint("FROM registry.example.com/python:3.12-slim\n", options)).count("BA3008"));
  EXPECT_TRUE(ids(lint("FROM example.org/python:3.12-slim\n", options)).count("BA3008"));
  const char* copy_from = "FROM registry.example.com/python:3.12-slim\nCOPY --from=ghcr.io/org/tool:1 /bin/t /bin/\n";
  EXPECT_TRUE(ids(lint(copy_from, options)).count("BA3008"));
  options.config.trusted_registries = {"*.example.com", "ghcr.io"};
  EXPECT_FALSE(ids(lint(copy_from, options)).count("BA3008"));
}

TEST(LintRules, HealthcheckOffByDefault) {
  EXPECT_FALSE(ids(lint("FROM alpine:3.19\nUSER app\n")).count("BA4020"));
  LintOptions options;
  options.config.enabled.insert("BA4020");
  EXPECT_TRUE(ids(lint("FROM alpine:3.19\nUSER app\n", options)).count("BA4020"));
  EXPECT_FALSE(ids(lint("FROM alpine:3.19\nHEALTHCHECK CMD wget -q localhost || exit 1\n", options)).count("BA4020"));
  // A scratch image can probe too (a static binary's own health command): hadolint DL3057 agrees.
  EXPECT_TRUE(ids(lint("FROM scratch\nCOPY app /app\n", options)).count("BA4020"));
  EXPECT_FALSE(ids(lint("FROM scratch\nHEALTHCHECK NONE\n", options)).count("BA4020"));
}

// Issue 14's "compare and decide" cases, decided in docs/rules.md (Agreement with hadolint).
TEST(LintRules, DecidedDifferencesFromHadolint) {
  // HEALTHCHECK CMD in shell form is fine: no PID-1 signal forwarding involved.
  EXPECT_FALSE(ids(lint("FROM alpine:3.19\nUSER app\nHEALTHCHECK CMD wget -q localhost || exit 1\n")).count("BA4005"));
  EXPECT_TRUE(ids(lint("FROM alpine:3.19\nUSER app\nCMD wget -q localhost\n")).count("BA4005"));  // control
  // USER root: the built image counts, including what it inherits from a parent stage.
  EXPECT_FALSE(ids(lint("FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\n")).count("BA3001"));
  EXPECT_TRUE(ids(lint("FROM debian:12 AS base\nUSER root\nFROM base\nRUN id\n")).count("BA3001"));
}

// BA1018 needs the context's devDependencies; each silent case has the
// firing one beside it.
TEST(LintRules, DevDependenciesInTheFinalImage) {
  ContextInfo ctx;
  ctx.node_dev_dependencies = {"eslint", "jest", "typescript", "webpack"};
  LintOptions options;
  options.context = &ctx;
  const std::string head = "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\n";
  auto fires = [&](const std::string& tail) { return ids(lint(head + tail, options)).count("BA1018") == 1; };
  EXPECT_TRUE(fires("RUN npm ci\n"));
  EXPECT_TRUE(fires("RUN npm install\n"));
  EXPECT_TRUE(fires("RUN npm i && npm cache clean --force\n"));
  EXPECT_FALSE(fires("RUN npm ci --omit=dev\n"));
  EXPECT_FALSE(fires("RUN npm ci --omit dev\n"));
  EXPECT_FALSE(fires("RUN npm ci --production\n"));
  EXPECT_FALSE(fires("RUN npm ci --only=prod\n"));
  EXPECT_FALSE(fires("ENV NODE_ENV=production\nRUN npm ci\n"));
  EXPECT_FALSE(fires("RUN NODE_ENV=production npm ci\n"));
  EXPECT_FALSE(fires("RUN npm ci && npm run build && npm prune --omit=dev\n"));
  EXPECT_FALSE(fires("RUN npm ci\nRUN npm run build\nRUN npm prune --production\n"));
  EXPECT_TRUE(fires("RUN npm ci\nRUN npm run build\n"));  // control: nothing prunes
  EXPECT_FALSE(fires("RUN npm install left-pad\n"));         // names a package: not the manifest's tree
  EXPECT_FALSE(fires("RUN npm install -g typescript\n"));
  // Only the final image counts: a builder's devDependencies stay behind.
  EXPECT_FALSE(ids(lint("FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\n", options))
                   .count("BA1018"));
  auto findings = lint(head + "RUN npm ci\n", options);
  for (const auto& f : findings) {
    if (f.id == "BA1018") {
      EXPECT_EQ(f.message, "npm ci installs 4 devDependencies of package.json (eslint, jest, typescript, ...) into the final image");
    }
  }
  // Without devDependencies, or without the context, silent.
  ctx.node_dev_dependencies.clear();
  EXPECT_FALSE(fires("RUN npm ci\n"));
  EXPECT_FALSE(ids(lint(head + "RUN npm ci\n")).count("BA1018"));
}

// Yarn 1 installs devDependencies unless --production (or NODE_ENV);
// `yarn add X` and `yarn global add` are not the manifest's install. Each
// silent case beside a firing one.
TEST(LintRules, YarnDevDependenciesInTheFinalImage) {
  ContextInfo ctx;
  ctx.node_dev_dependencies = {"typescript"};
  LintOptions options;
  options.context = &ctx;
  const std::string head = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\n";
  auto fires = [&](const std::string& tail) { return ids(lint(head + tail, options)).count("BA1018") == 1; };
  EXPECT_TRUE(fires("RUN yarn install --frozen-lockfile\n"));
  EXPECT_TRUE(fires("RUN yarn\n"));
  EXPECT_TRUE(fires("RUN yarn --frozen-lockfile && yarn cache clean\n"));
  EXPECT_FALSE(fires("RUN yarn install --frozen-lockfile --production\n"));
  EXPECT_FALSE(fires("RUN yarn install --prod\n"));
  EXPECT_FALSE(fires("RUN yarn --production=true\n"));
  EXPECT_TRUE(fires("RUN yarn --production=false\n"));  // asks for the devDependencies
  EXPECT_FALSE(fires("ENV NODE_ENV=production\nRUN yarn install\n"));
  EXPECT_FALSE(fires("RUN yarn install && yarn build && yarn install --production\n"));
  EXPECT_TRUE(fires("RUN yarn install && yarn build\n"));  // control: nothing prunes
  EXPECT_FALSE(fires("RUN yarn add left-pad\n"));
  EXPECT_FALSE(fires("RUN yarn global add typescript\n"));
  EXPECT_FALSE(fires("RUN yarn --version\n"));  // installs nothing
  EXPECT_FALSE(fires("RUN yarn -v && node -v\n"));
  for (const auto& f : lint(head + "RUN yarn install\n", options)) {
    if (f.id == "BA1018") {
      EXPECT_EQ(f.message, "yarn install installs the devDependency of package.json (typescript) into the final image");
      EXPECT_NE(f.fix.find("yarn install --production"), std::string::npos) << f.fix;
    }
  }
  // Yarn 2+ has no --production: the fix names its own command.
  ctx.yarn_berry = true;
  for (const auto& f : lint(head + "RUN yarn install\n", options)) {
    if (f.id == "BA1018") {
      EXPECT_NE(f.fix.find("yarn workspaces focus --all --production"), std::string::npos) << f.fix;
    }
  }
}

TEST(LintRules, ContextHooks) {
  ContextInfo ctx;
  ctx.has_dockerignore = false;
  ctx.heavy_entries = {".git", "node_modules"};
  ctx.is_excluded = [](std::string_view path) { return path == "secrets.env" || path.starts_with("build/"); };
  LintOptions options;
  options.context = &ctx;
  auto found = ids(lint("FROM alpine:3.19\nCOPY secrets.env /app/\n", options));
  EXPECT_TRUE(found.count("BA2006"));
  EXPECT_TRUE(found.count("BA4022"));
  ctx.has_dockerignore = true;
  found = ids(lint("FROM alpine:3.19\nCOPY app.py /app/\n", options));
  EXPECT_FALSE(found.count("BA2006"));
  EXPECT_FALSE(found.count("BA4022"));
  // Without context information both stay silent.
  found = ids(lint("FROM alpine:3.19\nCOPY secrets.env /app/\n"));
  EXPECT_FALSE(found.count("BA2006"));
  EXPECT_FALSE(found.count("BA4022"));
}

// With the context module's verdicts (source_problems), those decide: located
// on the instruction of their line, excluded -> BA4022, missing -> BA4023,
// and the pattern-only test is not used.
TEST(LintRules, ContextSourceProblemsByLine) {
  ContextInfo ctx;
  ctx.has_dockerignore = true;
  ctx.is_excluded = [](std::string_view) { return true; };  // would flag everything
  std::string asked;
  ctx.source_problems = [&](const std::string& file) {
    asked = file;
    return std::vector<ContextInfo::SourceProblem>{{3, true, "bind source excluded", "fix"},
                                                   {4, false, "COPY source missing", "fix"}};
  };
  LintOptions options;
  options.context = &ctx;
  const char* text = "FROM alpine:3.19\nCOPY app.py /app/\nRUN --mount=type=bind,source=d,target=/d true\n"
                     "COPY nothere /x/\n";
  auto findings = lint_text(text, "ctx/Dockerfile", options);
  EXPECT_EQ(asked, "ctx/Dockerfile");
  std::vector<std::string> got;
  for (const auto& f : findings)
    if (f.id == "BA4022" || f.id == "BA4023") got.push_back(f.id + "@" + std::to_string(f.location->line));
  EXPECT_EQ(got, (std::vector<std::string>{"BA4022@3", "BA4023@4"}));
}

TEST(LintRules, HeredocBodiesAreNotInstructions) {
  // A body line that looks like an instruction must not be linted as one.
  auto found = ids(lint("# syntax=docker/dockerfile:1\nFROM alpine:3.19\nCOPY <<EOF /etc/motd\n"
                        "MAINTAINER nobody\nFROM ubuntu:latest\nUSER root\nEOF\nUSER app\n"));
  EXPECT_FALSE(found.count("BA4006"));
  EXPECT_FALSE(found.count("BA3006"));
  EXPECT_FALSE(found.count("BA3001"));
}

TEST(LintRules, HeredocForAnotherInterpreterIsNotShell) {
  auto found = ids(lint("# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN python3 <<EOF\n"
                        "print('sudo apt-get install -y x')\nEOF\nUSER app\n"));
  EXPECT_FALSE(found.count("BA3004"));
  EXPECT_FALSE(found.count("BA1001"));
}

TEST(LintRules, BuildArgsOverrideDefaults) {
  LintOptions options;
  options.build_args["IMAGE"] = "python:3.12";
  EXPECT_TRUE(ids(lint("ARG IMAGE=python:3.12-slim\nFROM ${IMAGE}\n", options)).count("BA1013"));
}

TEST(LintRules, FindingsCarryLocation) {
  auto findings = lint("FROM debian:12\n\nRUN apt-get update \\\n  && apt-get install -y curl\n");
  bool found = false;
  for (const auto& f : findings) {
    if (f.id != "BA1001") continue;
    found = true;
    ASSERT_TRUE(f.location);
    EXPECT_EQ(f.location->file, "Dockerfile");
    EXPECT_EQ(f.location->line, 3);
    EXPECT_EQ(f.location->end_line, 4);
    EXPECT_EQ(f.location->column, 1);
  }
  EXPECT_TRUE(found);
}


// Issue 23: a `fix:` that is Dockerfile text (it starts with an instruction
// keyword in upper case) must be valid Dockerfile: put in place of the
// instruction it fixes, the file still parses with ballast's own parser.
// When the fix is a concrete line (no "..." placeholder) it must also mean
// the same thing: linted again, the rule no longer fires on that line.
bool is_dockerfile_text(const std::string& fix) {
  const auto space = fix.find(' ');
  if (space == std::string::npos) return false;
  const std::string word = fix.substr(0, space);
  std::string lower;
  for (char c : word) {
    if (c < 'A' || c > 'Z') return false;
    lower += static_cast<char>(c - 'A' + 'a');
  }
  return dockerfile::is_known_keyword(lower);
}

std::string replace_lines(const std::string& text, int first, int last, const std::string& with) {
  std::string out;
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    if (line == first) out += with + "\n";
    if (line < first || line > last) out += text.substr(pos, end - pos);
    pos = end;
    ++line;
  }
  return out;
}

TEST(LintRules, DockerfileFixesParse) {
  std::set<std::string> checked;
  for (const auto& c : cases()) {
    if (!c.fires) continue;
    for (const auto& f : lint(c.dockerfile)) {
      if (f.id != c.id || !is_dockerfile_text(f.fix) || !f.location) continue;
      SCOPED_TRACE(std::string(c.id) + ": " + c.name + "\nfix: " + f.fix);
      EXPECT_EQ(f.fix.find('\t'), std::string::npos);
      const int first = f.location->line;
      const int last = f.location->end_line ? f.location->end_line : first;
      const std::string fixed = replace_lines(c.dockerfile, first, last, f.fix);
      EXPECT_NO_THROW(dockerfile::parse_dockerfile(fixed)) << fixed;
      checked.insert(c.id);
      if (f.fix.find("...") != std::string::npos) continue;
      bool again = false;
      for (const auto& g : lint(fixed))
        if (g.id == c.id && g.location && g.location->line == first) again = true;
      EXPECT_FALSE(again) << fixed;
    }
  }
  // The rules whose fix is a Dockerfile line, as docs/rules.md shows them: each was checked.
  for (const char* id : {"BA1003", "BA2005", "BA3003", "BA4001", "BA4002", "BA4005", "BA4006", "BA4009", "BA4011",
                         "BA4014", "BA4015", "BA4017", "BA4021"})
    EXPECT_EQ(checked.count(id), 1u) << id;
}

// BA4011's fix of values with blanks (issue 23: `ENV GPG_KEYS A B C` was
// suggested as `ENV GPG_KEYS=A B C`, which BuildKit and ballast reject):
// the fixed line parses to the same words.
TEST(LintRules, LegacyKeyValueFixKeepsTheWords) {
  struct Fixture {
    const char* dockerfile;
    const char* fix;
  } const kFixtures[] = {
      {"FROM alpine:3.19\nENV GPG_KEYS A B C\n", "ENV GPG_KEYS=\"A B C\""},
      {"FROM alpine:3.19\nENV GPG_KEYS \\\n\tA \\\n\tB\n", "ENV GPG_KEYS=\"A B\""},
      {"FROM alpine:3.19\nENV FOO bar\n", "ENV FOO=bar"},
      {"FROM alpine:3.19\nLABEL desc \"a b\" c\n", "LABEL desc=\"a b\"\\ c"},
  };
  for (const auto& x : kFixtures) {
    SCOPED_TRACE(x.dockerfile);
    std::string fix;
    for (const auto& f : lint(x.dockerfile))
      if (f.id == "BA4011") fix = f.fix;
    EXPECT_EQ(fix, x.fix);
    const auto parsed = dockerfile::parse_dockerfile(std::string("FROM alpine:3.19\n") + fix + "\n");
    const auto kv = dockerfile::key_values(parsed.instructions.back());
    ASSERT_EQ(kv.size(), 1u);
    EXPECT_FALSE(kv[0].legacy);
  }
}

}  // namespace
}  // namespace ballast::lint
