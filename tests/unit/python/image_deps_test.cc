// `ballast deps --image`: the seeds' TrackMaster case against an image
// written by the test. Expected bytes are the sums of the fixture's own
// file sizes: removing torch frees torch and the nvidia wheel only torch
// needs, while numpy stays (the code imports it).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.h"
#include "writer/image_writer.h"
#include "python/image_distributions.h"
#include "temp_project.h"

namespace ballast::python {
namespace {

using CliRun = ballast::testing::CommandResult;

CliRun run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " deps " + args +
                                       " 2>/dev/null");
}

const std::string kSite = "usr/local/lib/python3.11/site-packages";

// A pip-installed distribution: files (path relative to site-packages, size)
// plus METADATA and RECORD; returns its byte total through `total`.
void add_dist(std::vector<writer::WriteEntry>& out, const std::string& dir_name,
              const std::string& metadata,
              const std::vector<std::pair<std::string, std::size_t>>& files, std::uint64_t* total) {
  std::string record;
  *total = 0;
  for (const auto& [path, size] : files) {
    out.push_back(writer::file_entry(kSite + "/" + path, std::string(size, 'b')));
    record += path + ",sha256=x," + std::to_string(size) + "\n";
    *total += size;
  }
  record += dir_name + "/METADATA,,\n" + dir_name + "/RECORD,,\n";
  out.push_back(writer::file_entry(kSite + "/" + dir_name + "/METADATA", metadata));
  out.push_back(writer::file_entry(kSite + "/" + dir_name + "/RECORD", record));
  *total += metadata.size() + record.size();
}

struct TrackMaster {
  testing::TempProject project;
  std::string image;
  std::uint64_t torch = 0, torchaudio = 0, cublas = 0, numpy = 0, librosa = 0;

  TrackMaster() {
    project.write("requirements.txt",
                  "torch==2.3.1\ntorchaudio==2.3.1\nnumpy==1.26.4\nlibrosa==0.10.1\n");
    project.write("app/main.py",
                  "import numpy as np\nimport librosa\n\nprint(np.zeros(1), librosa)\n");
    std::vector<writer::WriteEntry> files;
    add_dist(files, "torch-2.3.1.dist-info",
             "Metadata-Version: 2.1\nName: torch\nVersion: 2.3.1\nRequires-Dist: numpy\n"
             "Requires-Dist: nvidia-cublas-cu12==12.1.3.1; platform_system == \"Linux\"\n",
             {{"torch/__init__.py", 1000}, {"torch/lib/libtorch_cuda.so", 70000}}, &torch);
    add_dist(
        files, "torchaudio-2.3.1.dist-info",
        "Metadata-Version: 2.1\nName: torchaudio\nVersion: 2.3.1\nRequires-Dist: torch==2.3.1\n",
        {{"torchaudio/__init__.py", 3000}}, &torchaudio);
    add_dist(files, "nvidia_cublas_cu12-12.1.3.1.dist-info",
             "Metadata-Version: 2.1\nName: nvidia-cublas-cu12\nVersion: 12.1.3.1\n",
             {{"nvidia/cublas/lib/libcublas.so.12", 50000}}, &cublas);
    add_dist(files, "numpy-1.26.4.dist-info",
             "Metadata-Version: 2.1\nName: numpy\nVersion: 1.26.4\n", {{"numpy/__init__.py", 2000}},
             &numpy);
    add_dist(
        files, "librosa-0.10.1.dist-info",
        "Metadata-Version: 2.1\nName: librosa\nVersion: 0.10.1\nRequires-Dist: numpy!=1.22.0\n",
        {{"librosa/__init__.py", 500}}, &librosa);
    writer::WriteImage img;
    img.layers.push_back({});
    img.layers[0].entries = files;
    img.repo_tags = {"trackmaster:1"};
    image = (project.root() / "image.tar").string();
    writer::write_docker_archive({img}, image);
  }
};

TEST(DepsImage, ReadsInstalledDistributions) {
  TrackMaster tm;
  ImageDistributions d = read_image_distributions({tm.image, "", "linux/amd64"});
  ASSERT_EQ(d.distributions.size(), 5u);
  std::map<std::string, std::uint64_t> bytes;
  for (const auto& i : d.distributions) bytes[i.name] = i.bytes;
  EXPECT_EQ(bytes["torch"], tm.torch);
  EXPECT_EQ(bytes["nvidia-cublas-cu12"], tm.cublas);
  EXPECT_EQ(bytes["numpy"], tm.numpy);
}

TEST(DepsImage, UnusedPackagesCarryTheBytesTheyFree) {
  TrackMaster tm;
  CliRun r = run(tm.project.root().string() + " --image " + tm.image + " --format json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::uint64_t> saved;
  for (const auto& f : j["findings"])
    if (f["id"] == "DEP002")
      saved[f["message"].get<std::string>().substr(0, f["message"].get<std::string>().find("=="))] =
          f["bytes_saved"].get<std::uint64_t>();
  ASSERT_EQ(saved.size(), 2u) << r.out;
  // torch is needed by torchaudio, which is removed too: the deeper root
  // (torch) gets the nvidia wheel; numpy stays for librosa and the app.
  EXPECT_EQ(saved["torch"], tm.torch + tm.cublas);
  EXPECT_EQ(saved["torchaudio"], tm.torchaudio);
  EXPECT_EQ(j["bytes_saved"], tm.torch + tm.cublas + tm.torchaudio);
  EXPECT_EQ(j["image"]["installed"].size(), 5u);
  ASSERT_EQ(j["image"]["removals"].size(), 2u);

  CliRun text = run(tm.project.root().string() + " --image " + tm.image);
  EXPECT_NE(text.out.find("Installed: 5 Python distributions in docker-archive:"),
            std::string::npos)
      << text.out;
}

// Debian's python3-torch: its price is the closure apt would remove --
// python3-torch, libtorch (auto, only it needs it) -- not libc6 (manual)
// nor python3 (python3-yaml, manual, needs it). Bytes: the files' sizes.
TEST(DepsImage, OsPackageFreesItsRemovalClosure) {
  testing::TempProject project;
  project.write("requirements.txt", "torch\n");
  project.write("main.py", "import json\n");
  const std::string dist = "usr/lib/python3/dist-packages";
  auto para = [](const std::string& name, const std::string& depends) {
    return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nVersion: 1\n" +
           (depends.empty() ? "" : "Depends: " + depends + "\n") + "\n";
  };
  std::string status = para("python3-torch", "libtorch2.0 (= 1), python3:any") + para("libtorch2.0", "libc6") +
                       para("libc6", "") + para("python3", "libc6") + para("python3-yaml", "python3");
  std::vector<writer::WriteEntry> files = {
      writer::file_entry("var/lib/dpkg/status", status),
      writer::file_entry("var/lib/apt/extended_states",
                         "Package: libtorch2.0\nAuto-Installed: 1\n\nPackage: python3\nAuto-Installed: 1\n\n"),
      writer::file_entry("var/lib/dpkg/info/python3-torch.list",
                         "/" + dist + "/torch/__init__.py\n/" + dist + "/torch-2.0.egg-info\n"),
      writer::file_entry("var/lib/dpkg/info/libtorch2.0.list", "/usr/lib/libtorch.so.2.0\n"),
      writer::file_entry("var/lib/dpkg/info/libc6.list", "/usr/lib/libc.so.6\n"),
      writer::file_entry("var/lib/dpkg/info/python3.list", "/usr/bin/python3\n"),
      writer::file_entry(dist + "/torch/__init__.py", std::string(1000, 't')),
      writer::file_entry(dist + "/torch-2.0.egg-info", "Metadata-Version: 2.1\nName: torch\nVersion: 2.0\n"),
      writer::file_entry("usr/lib/libtorch.so.2.0", std::string(50000, 'l')),
      writer::file_entry("usr/lib/libc.so.6", std::string(300, 'c')),
      writer::file_entry("usr/bin/python3", std::string(400, 'p')),
  };
  const std::uint64_t egg = std::string("Metadata-Version: 2.1\nName: torch\nVersion: 2.0\n").size();
  writer::WriteImage img;
  img.layers.push_back({});
  img.layers[0].entries = files;
  img.repo_tags = {"deb:1"};
  std::string image = (project.root() / "image.tar").string();
  writer::write_docker_archive({img}, image);

  CliRun r = run(project.root().string() + " --image " + image + " --format json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["image"]["removals"].size(), 1u) << r.out;
  const auto& removal = j["image"]["removals"][0];
  EXPECT_EQ(removal["package"], "torch");
  EXPECT_EQ(removal["world"], "dpkg");
  EXPECT_EQ(removal["os_package"], "deb:python3-torch");
  EXPECT_EQ(removal["freed"], (std::vector<std::string>{"deb:python3-torch", "deb:libtorch2.0"}));
  EXPECT_EQ(removal["bytes"], 1000u + egg + 50000u);
  EXPECT_EQ(removal["freed_packages"][1]["bytes"], 50000u);
  EXPECT_EQ(j["bytes_saved"], 1000u + egg + 50000u);

  CliRun text = run(project.root().string() + " --image " + image);
  EXPECT_NE(text.out.find("Removing torch (apt-get remove --autoremove python3-torch): 2 packages, "),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("apt-get remove --autoremove python3-torch` in the image"), std::string::npos) << text.out;
}

TEST(DepsImage, BadImageExitsTwo) {
  testing::TempProject p;
  p.write("requirements.txt", "numpy\n");
  p.write("not-an-image.tar", "garbage");
  EXPECT_EQ(run(p.root().string() + " --image " + (p.root() / "not-an-image.tar").string()).code,
            2);
  EXPECT_EQ(run(p.root().string() + " --image " + (p.root() / "missing.tar").string()).code, 2);
}

}  // namespace
}  // namespace ballast::python
