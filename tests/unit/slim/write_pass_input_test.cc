// slim's two reads of its input (slim/write_pass_input.h): which inputs can
// be read twice, how the engine's is read for the analysis, and an input
// that changed between the reads is refused, not mixed.
#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "image/image_reference.h"
#include "slim/write_pass_input.h"
#include "util/error.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::slim {
namespace {

using namespace ballast::writer;
using testing::TempDir;

image::ImageReference engine_ref(const std::string& name) {
  image::ImageReference r;
  r.transport = image::Transport::kDockerDaemon;
  r.engine_ref = name;
  return r;
}

TEST(SlimWritePass, StandardInputCannotBeReadTwice) {
  image::ImageReference stdin_ref;
  stdin_ref.transport = image::Transport::kStdin;
  EXPECT_THROW(analysis_pass_request(stdin_ref, {}), InputError);
}

TEST(SlimWritePass, AnEngineImageIsAnalyzedFromItsSaveStream) {
  analysis::AnalyzeRequest r;
  EXPECT_EQ(analysis_pass_request(engine_ref("app:1"), r).engine_layers, image::EngineLayers::kStream);
  r.engine_layers = image::EngineLayers::kStream;
  EXPECT_EQ(analysis_pass_request(engine_ref("app:1"), r).engine_layers, image::EngineLayers::kStream);
  // The layer directories have no member paths to find the layers again by.
  r.engine_layers = image::EngineLayers::kDirectory;
  EXPECT_THROW(analysis_pass_request(engine_ref("app:1"), r), InputError);
}

TEST(SlimWritePass, AFileIsAnalyzedAsAnalyzeReadsIt) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{file_entry("a", "a")}, "ADD a /"});
  write_docker_archive({img}, tmp / "in.tar");
  analysis::AnalyzeRequest r;
  r.engine_layers = image::EngineLayers::kDirectory;  // not an engine image: left alone
  const image::ImageReference ref = image::parse_image_reference(tmp / "in.tar");
  EXPECT_EQ(analysis_pass_request(ref, r).engine_layers, image::EngineLayers::kDirectory);
}

TEST(SlimWritePass, AnInputReplacedBetweenTheReadsIsRefused) {
  TempDir tmp;
  WriteImage one, two;
  one.layers.push_back({{file_entry("a", "a")}, "ADD a /"});
  two.layers.push_back({{file_entry("a", "b")}, "ADD a /"});
  write_docker_archive({one}, tmp / "in.tar");
  analysis::AnalyzeRequest r;
  r.image = tmp / "in.tar";
  const analysis::AnalyzeReport report = analysis::analyze(r);
  const image::ImageReference ref = image::parse_image_reference(r.image);
  // The same file: its layers, in order (the positive control).
  const WritePassInput same = open_write_pass_input(ref, r, report.image);
  EXPECT_EQ(same.image.layers.size(), 1u);
  EXPECT_FALSE(same.one_reader);
  write_docker_archive({two}, tmp / "in.tar");
  EXPECT_THROW(open_write_pass_input(ref, r, report.image), InputError);
}

}  // namespace
}  // namespace ballast::slim
