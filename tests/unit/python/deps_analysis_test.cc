// Whole-project analysis on fixture projects written here; the expected
// findings of each are listed by hand from the fixture's content.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "python/deps_analysis.h"
#include "temp_project.h"
#include "util/error.h"

namespace ballast::python {
namespace {

using testing::TempProject;
using Key = std::tuple<std::string, std::string, int>;  // id, file, line

std::set<Key> keys(const DepsReport& r) {
  std::set<Key> out;
  for (const auto& f : r.findings) out.insert({f.id, f.location ? f.location->file : "", f.location ? f.location->line : 0});
  return out;
}

std::string dump(const DepsReport& r) {
  std::string out;
  for (const auto& f : r.findings)
    out += f.id + " " + (f.location ? f.location->file + ":" + std::to_string(f.location->line) : "") + " " + f.message + "\n";
  for (const auto& w : r.warnings) out += "warning " + w.location.file + ":" + std::to_string(w.location.line) + " " + w.message + "\n";
  return out;
}

const model::Finding* find(const DepsReport& r, std::string_view id, std::string_view text) {
  for (const auto& f : r.findings) {
    if (f.id == id && f.message.find(text) != std::string::npos) return &f;
  }
  return nullptr;
}

DepsReport analyze(const TempProject& p, DepsOptions options = {}) {
  options.root = p.root();
  return analyze_deps(options);
}

// The seed "TrackMaster" guide: torch and torchaudio declared, never imported;
// uvicorn only run by the Dockerfile's CMD.
void write_trackmaster(const TempProject& p) {
  p.write("requirements.txt",
          "torch==2.1.0\n"
          "torchaudio==2.1.0\n"
          "librosa==0.10.1\n"
          "soundfile==0.12.1\n"
          "numpy==1.24.3\n"
          "scipy==1.11.4\n"
          "fastapi==0.104.1\n"
          "uvicorn[standard]==0.24.0\n");
  p.write("app/__init__.py", "");
  p.write("app/main.py",
          "\"\"\"TrackMaster API. (We used to `import torchaudio` here.)\"\"\"\n"
          "from fastapi import FastAPI, UploadFile\n"
          "from .audio import master\n"
          "app = FastAPI()\n");
  p.write("app/audio.py",
          "import librosa\n"
          "import numpy as np\n"
          "import soundfile as sf\n"
          "from scipy import signal\n"
          "# import torch  -- removed, too big\n"
          "def master(path):\n"
          "    y, sr = librosa.load(path)\n"
          "    return signal.lfilter([1], [1], np.asarray(y)), sr\n");
  p.write("Dockerfile",
          "FROM python:3.11-slim\n"
          "WORKDIR /app\n"
          "COPY requirements.txt .\n"
          "RUN pip install --no-cache-dir -r requirements.txt\n"
          "COPY app/ app/\n"
          "CMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n");
}

TEST(DepsAnalysis, TrackMasterSeed) {
  TempProject p;
  write_trackmaster(p);
  DepsReport r = analyze(p);
  EXPECT_EQ(keys(r), (std::set<Key>{{"DEP002", "requirements.txt", 1}, {"DEP002", "requirements.txt", 2}})) << dump(r);
  EXPECT_TRUE(r.warnings.empty()) << dump(r);
  EXPECT_NE(find(r, "DEP002", "torch==2.1.0"), nullptr);
  EXPECT_NE(find(r, "DEP002", "torchaudio==2.1.0"), nullptr);
  EXPECT_EQ(r.python_files, 3u);
  bool uvicorn_from_cmd = false;
  for (const auto& e : r.entry_points) uvicorn_from_cmd |= e.distribution == "uvicorn" && e.location.line == 6;
  EXPECT_TRUE(uvicorn_from_cmd);
}

TEST(DepsAnalysis, TrackMasterWithImageSizes) {
  TempProject p;
  write_trackmaster(p);
  std::vector<InstalledDistribution> installed = {
      {"torch", "2.1.0", {"torch"}, 1'500'000'000, {"nvidia-cudnn-cu12==8.9.2.26; platform_system == \"Linux\"", "numpy"}},
      {"torchaudio", "2.1.0", {"torchaudio"}, 500'000'000, {"torch==2.1.0"}},
      {"nvidia-cudnn-cu12", "8.9.2.26", {}, 700'000'000, {}},
      {"numpy", "1.24.3", {"numpy"}, 50'000'000, {}},
      {"librosa", "0.10.1", {"librosa"}, 5'000'000, {"numpy"}},
  };
  DepsOptions options;
  options.installed = &installed;
  DepsReport r = analyze(p, options);
  EXPECT_EQ(r.bytes_saved, 2'700'000'000u);  // torch + torchaudio + cudnn; numpy stays for librosa
  const model::Finding* torch = find(r, "DEP002", "torch==");
  ASSERT_NE(torch, nullptr);
  EXPECT_EQ(torch->bytes_saved, 2'200'000'000u);
  EXPECT_NE(torch->message.find("nvidia-cudnn-cu12"), std::string::npos);
  EXPECT_EQ(find(r, "DEP002", "torchaudio==")->bytes_saved, 500'000'000u);
}

TEST(DepsAnalysis, EveryKindOfFinding) {
  TempProject p;
  p.write("pyproject.toml",
          "[project]\n"
          "name = \"svc\"\n"
          "dependencies = [\n"
          "  \"requests>=2\",\n"
          "  \"PyYAML==6.0.1\",\n"
          "  \"pytest==8.0.0\",\n"
          "  \"dataclasses==0.8\",\n"
          "  \"redis==5.0.1\",\n"
          "  \"gunicorn==21.2.0\",\n"
          "  \"ujson==5.9.0\",\n"
          "  \"pandas==2.1.0\",\n"
          "  \"pywin32==306; sys_platform == 'win32'\",\n"
          "]\n");
  p.write("requirements-dev.txt", "pytest==7.4.0\nblack\n");
  p.write("svc/__init__.py", "from . import util\nfrom .util import helper\n");
  p.write("svc/util.py",
          "import yaml\n"
          "import requests\n"
          "import urllib3\n"
          "def helper():\n"
          "    return 'import redis'\n");
  p.write("svc/types.py",
          "from typing import TYPE_CHECKING\n"
          "if TYPE_CHECKING:\n"
          "    import pandas\n"
          "    import boto3\n");
  p.write("svc/compat.py",
          "try:\n"
          "    import ujson as json\n"
          "except ImportError:\n"
          "    import json\n");
  p.write("svc/plugins.py",
          "import importlib\n"
          "codec = importlib.import_module(\"msgpack\")\n"
          "text = \"import torch\"\n");
  p.write("tests/test_util.py", "import pytest\nimport hypothesis\nfrom svc import util\n");
  p.write("Dockerfile",
          "FROM python:3.12-slim\n"
          "COPY . /srv\n"
          "RUN pip install /srv\n"
          "CMD gunicorn -k uvicorn.workers.UvicornWorker svc:app\n");
  DepsReport r = analyze(p);
  std::set<Key> expected = {
      {"DEP101", "pyproject.toml", 4},     // requests>=2: range
      {"DEP004", "pyproject.toml", 6},     // pytest in production
      {"DEP102", "pyproject.toml", 6},     // pytest ==8.0.0 vs ==7.4.0
      {"DEP005", "pyproject.toml", 7},     // dataclasses is stdlib
      {"DEP002", "pyproject.toml", 8},     // redis: only in a string
      {"DEP002", "pyproject.toml", 11},    // pandas: only under TYPE_CHECKING
      {"DEP003", "svc/util.py", 3},        // urllib3 comes with requests
      {"DEP001", "svc/plugins.py", 2},     // msgpack via import_module
      {"DEP001", "Dockerfile", 4},         // uvicorn worker class, undeclared
  };
  EXPECT_EQ(keys(r), expected) << dump(r);
  EXPECT_NE(find(r, "DEP002", "TYPE_CHECKING"), nullptr);
  EXPECT_NE(find(r, "DEP004", "only by tests"), nullptr);
  EXPECT_NE(find(r, "DEP003", "requests"), nullptr);
  EXPECT_NE(find(r, "DEP001", "'uvicorn'"), nullptr);
}

// The Dockerfile installs requirements/prod.txt (which includes base.txt)
// and requirements-dev.txt: pytest ships to production (DEP004), while
// requirements/docs.txt, never installed, costs nothing (sphinx unused but
// not reported), and requirements-dev.txt's black is a shipped dev tool too.
TEST(DepsAnalysis, DockerfileDecidesWhichFilesAreProduction) {
  TempProject p;
  p.write("requirements/base.txt", "requests==2.31.0\n");
  p.write("requirements/prod.txt", "-r base.txt\nflask==3.0.0\n");
  p.write("requirements/docs.txt", "sphinx==7.2.6\n");
  p.write("requirements-dev.txt", "pytest==8.0.0\n");
  p.write("app.py", "import requests\nimport flask\n");
  p.write("Dockerfile",
          "FROM python:3.11-slim\nWORKDIR /srv\nCOPY . .\n"
          "RUN pip install --no-cache-dir -r /srv/requirements/prod.txt -r requirements-dev.txt\n"
          "RUN pip install -r missing.txt\n");
  DepsReport r = analyze(p);
  std::set<Key> expected = {{"DEP004", "requirements-dev.txt", 1}};
  EXPECT_EQ(keys(r), expected) << dump(r);
  EXPECT_EQ(r.production_files,
            (std::vector<std::string>{"requirements-dev.txt", "requirements/base.txt", "requirements/prod.txt"}));
  bool warned = false;
  for (const auto& w : r.warnings) warned |= w.message.find("missing.txt") != std::string::npos;
  EXPECT_TRUE(warned) << dump(r);

  // Without a Dockerfile, names decide: docs.txt is dev, sphinx is not reported either way,
  // and requirements-dev.txt's pytest is a dev tool in a dev file (no finding).
  std::filesystem::remove(p.root() / "Dockerfile");
  EXPECT_TRUE(analyze(p).findings.empty()) << dump(analyze(p));
}

// Issue 23: a Dockerfile counts as a manifest only when it has a pip line,
// and a requirements file it COPYs but never installs is reported.
TEST(DepsAnalysis, DockerfileManifestOnlyWithPipAndCopiedButNotInstalled) {
  TempProject p;
  p.write("requirements.txt", "flask==3.0.0\n");
  p.write("app.py", "import flask\n");
  p.write("Dockerfile", "FROM python:3.11-slim\nCOPY requirements.txt app.py /srv/\nCMD [\"python\", \"/srv/app.py\"]\n");
  DepsReport r = analyze(p);
  EXPECT_EQ(r.manifests, (std::vector<std::string>{"requirements.txt"})) << dump(r);
  int copied = 0;
  for (const auto& w : r.warnings)
    if (w.location.file == "Dockerfile" && w.location.line == 2 &&
        w.message == "requirements.txt is copied into the image but no `pip install -r` installs it")
      ++copied;
  EXPECT_EQ(copied, 1) << dump(r);

  // Positive control: the same COPY followed by `pip install -r` is a manifest and no warning.
  p.write("Dockerfile",
          "FROM python:3.11-slim\nCOPY requirements.txt app.py /srv/\n"
          "RUN pip install --no-cache-dir -r /srv/requirements.txt\nCMD [\"python\", \"/srv/app.py\"]\n");
  r = analyze(p);
  EXPECT_EQ(r.manifests, (std::vector<std::string>{"requirements.txt", "Dockerfile"})) << dump(r);
  for (const auto& w : r.warnings) EXPECT_EQ(w.message.find("is copied into the image"), std::string::npos) << dump(r);
}

// A project of a Dockerfile without a pip line is analysed (an empty report,
// no manifest), not "nothing to analyse"; with no Dockerfile either, it is.
TEST(DepsAnalysis, DockerfileWithoutPipIsNoManifestButSomethingToAnalyse) {
  TempProject p;
  p.write("Dockerfile", "FROM debian:12\nCOPY file.txt /srv/\n");
  p.write("file.txt", "x\n");
  DepsReport r = analyze(p);
  EXPECT_TRUE(r.manifests.empty()) << dump(r);
  EXPECT_TRUE(r.findings.empty()) << dump(r);
  TempProject empty;
  empty.write("file.txt", "x\n");
  EXPECT_THROW(analyze(empty), InputError);
}

TEST(DepsAnalysis, PackageUsedOnlyFromCommandsAndScripts) {
  TempProject p;
  p.write("requirements.txt", "celery==5.3.6\nalembic==1.13.1\nhypercorn==0.16.0\nclick==8.1.7\n");
  p.write("pyproject.toml", "[project]\nname = \"worker\"\n[project.scripts]\nworker = \"click.testing:main\"\n");
  p.write("worker/__init__.py", "");
  p.write("entrypoint.sh", "");
  p.write("Dockerfile",
          "FROM python:3.11-slim\n"
          "RUN set -eux; \\\n    alembic upgrade head\n"
          "ENTRYPOINT [\"sh\", \"-c\", \"exec celery -A worker worker --loglevel=info\"]\n"
          "CMD python -m hypercorn worker:app\n");
  DepsReport r = analyze(p);
  EXPECT_TRUE(r.findings.empty()) << dump(r);
}

TEST(DepsAnalysis, CudaTorchWithoutGpuUse) {
  TempProject p;
  p.write("requirements.txt", "torch==2.1.0\nnumpy==1.26.0\n");
  p.write("model.py", "import torch\nimport numpy\nx = torch.zeros(3)\n");
  DepsReport r = analyze(p);
  EXPECT_EQ(keys(r), (std::set<Key>{{"DEP103", "requirements.txt", 1}})) << dump(r);
  EXPECT_NE(find(r, "DEP103", "CUDA")->fix.find("https://download.pytorch.org/whl/cpu"), std::string::npos);

  TempProject cpu;
  cpu.write("requirements.txt", "--index-url https://download.pytorch.org/whl/cpu\ntorch==2.1.0\n");
  cpu.write("model.py", "import torch\n");
  EXPECT_TRUE(analyze(cpu).findings.empty());

  TempProject gpu;
  gpu.write("requirements.txt", "torch==2.1.0\n");
  gpu.write("model.py", "import torch\nnet = torch.nn.Linear(2, 2).to(device=\"cuda\")\n");
  EXPECT_TRUE(analyze(gpu).findings.empty());
}

TEST(DepsAnalysis, FirstPartyLayoutsVenvsAndExcludes) {
  TempProject p;
  p.write("requirements.txt", "requests==2.31.0\n");
  p.write("src/mylib/__init__.py", "import requests\nfrom mylib import core\n");
  p.write("src/mylib/core.py", "");
  p.write("scripts/run.py", "import helpers\nimport mylib\n");  // helpers sits beside the script
  p.write("scripts/helpers.py", "");
  p.write(".venv/pyvenv.cfg", "home = /usr/bin\n");
  p.write(".venv/lib/python3.11/site-packages/x.py", "import not_declared_in_venv\n");
  p.write("node_modules/pkg/a.py", "import not_declared_in_node_modules\n");
  p.write("legacy/old.py", "import not_declared_legacy\n");
  DepsOptions options;
  options.excludes = {"legacy"};
  DepsReport r = analyze(p, options);
  EXPECT_TRUE(r.findings.empty()) << dump(r);
  EXPECT_EQ(r.python_files, 4u);
  // Without the exclude the legacy import is missing.
  DepsReport all = analyze(p);
  EXPECT_EQ(keys(all), (std::set<Key>{{"DEP001", "legacy/old.py", 1}})) << dump(all);
}

TEST(DepsAnalysis, DockerignoreLimitsTheScan) {
  TempProject p;
  p.write("requirements.txt", "flask==3.0.0\n");
  p.write("app.py", "import flask\n");
  p.write("tools/plot.py", "import matplotlib\n");
  p.write(".dockerignore", "tools/\n");
  EXPECT_EQ(keys(analyze(p)), (std::set<Key>{{"DEP001", "tools/plot.py", 1}}));
  DepsOptions options;
  options.dockerignore = p.root() / ".dockerignore";
  EXPECT_TRUE(analyze(p, options).findings.empty());
}

TEST(DepsAnalysis, StdlibDependsOnPythonVersion) {
  TempProject p;
  p.write("requirements.txt", "tomli==2.0.1\n");
  p.write("conf.py", "import tomllib\nimport distutils\n");
  DepsOptions options;
  options.python_minor = 12;  // distutils is gone in 3.12, tomllib exists
  EXPECT_EQ(keys(analyze(p, options)),
            (std::set<Key>{{"DEP001", "conf.py", 2}, {"DEP002", "requirements.txt", 1}}));
  options.python_minor = 10;  // tomllib does not exist in 3.10
  EXPECT_EQ(keys(analyze(p, options)),
            (std::set<Key>{{"DEP001", "conf.py", 1}, {"DEP002", "requirements.txt", 1}}));
}

TEST(DepsAnalysis, BadInputIsWarnedAndTheRestAnalysed) {
  TempProject p;
  p.write("requirements.txt", "numpy==1.26.0\nthis is not a requirement\nrequests==2.31.0\n");
  p.write("pyproject.toml", "[project\nname = \"broken\"\n");
  p.write("bom.py", "\xEF\xBB\xBFimport numpy\n");
  p.write("latin1.py", "# caf\xE9\nimport requests\n");
  p.write("declared_latin1.py", "# -*- coding: latin-1 -*-\n# caf\xE9\nimport numpy\n");
  p.write("broken.py", "def f(:\n    pass\nimport requests\ns = 'unterminated\n");
  DepsReport r = analyze(p);
  EXPECT_TRUE(r.findings.empty()) << dump(r);
  std::set<std::pair<std::string, int>> warned;
  for (const auto& w : r.warnings) warned.insert({w.location.file, w.location.line});
  EXPECT_TRUE(warned.count({"requirements.txt", 2})) << dump(r);
  EXPECT_TRUE(warned.count({"pyproject.toml", 1})) << dump(r);
  EXPECT_TRUE(warned.count({"latin1.py", 1})) << dump(r);
  EXPECT_FALSE(warned.count({"declared_latin1.py", 2})) << dump(r);
  EXPECT_TRUE(warned.count({"broken.py", 1})) << dump(r);
  EXPECT_TRUE(warned.count({"broken.py", 4})) << dump(r);
}

TEST(DepsAnalysis, NothingReadableIsBadInput) {
  TempProject p;
  p.write("README.md", "nothing here\n");
  EXPECT_THROW(analyze(p), InputError);
  DepsOptions options;
  options.root = p.root() / "missing";
  EXPECT_THROW(analyze_deps(options), InputError);
}

}  // namespace
}  // namespace ballast::python
