// Packages a Dockerfile uses without an import: console scripts in
// CMD/ENTRYPOINT/RUN, `python -m`, worker classes, `pip install` lines.
#include <gtest/gtest.h>

#include "dockerfile/parser.h"
#include "python/dockerfile_uses.h"

namespace ballast::python {
namespace {

std::vector<std::string> used(const DockerfileFacts& f) {
  std::vector<std::string> out;
  for (const auto& u : f.uses) out.push_back(u.distribution.empty() ? "module:" + u.module : u.distribution);
  return out;
}

TEST(ShellSplit, CommandsQuotesAndOperators) {
  auto cmds = split_shell_commands("cd /app && exec gunicorn -b \"0.0.0.0:8000\" 'app:create()' | tee log; echo done");
  ASSERT_EQ(cmds.size(), 4u);
  EXPECT_EQ(cmds[1], (std::vector<std::string>{"exec", "gunicorn", "-b", "0.0.0.0:8000", "app:create()"}));
  EXPECT_EQ(cmds[3], (std::vector<std::string>{"echo", "done"}));
}

TEST(DockerfileUses, FromAParsedDockerfile) {
  auto df = dockerfile::parse_dockerfile(
      "FROM python:3.11-slim\n"
      "RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.1.0 \\\n"
      "    'uvicorn[standard]>=0.24' -r requirements.txt\n"
      "RUN python -c \"import nltk; nltk.download('punkt')\"\n"
      "ENTRYPOINT [\"/usr/local/bin/gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app.main:app\"]\n"
      "CMD PORT=8000 uvicorn api:app --port $PORT\n",
      "Dockerfile");
  DockerfileFacts f = read_dockerfile_facts(df, "Dockerfile");
  EXPECT_EQ(used(f), (std::vector<std::string>{"module:nltk", "gunicorn", "module:uvicorn", "module:app", "uvicorn",
                                               "module:api"}));
  EXPECT_EQ(f.uses[1].location.line, 5);
  ASSERT_EQ(f.installs.requirements.size(), 2u);
  EXPECT_EQ(f.installs.requirements[0].normalized, "torch");
  EXPECT_EQ(f.installs.requirements[0].location.line, 2);
  EXPECT_EQ(f.installs.requirements[1].specifier, ">=0.24");
  ASSERT_EQ(f.installs.indexes.size(), 1u);
  EXPECT_TRUE(is_cpu_torch_index(f.installs.indexes[0].url));
  EXPECT_EQ(f.requirement_files, std::vector<std::string>{"requirements.txt"});
}

TEST(DockerfileUses, WrappersAndModuleRuns) {
  DockerfileFacts f;
  scan_command({"tini", "--", "python3", "-m", "celery", "-A", "proj", "worker"}, {"Dockerfile", 3}, f);
  scan_command({"newrelic-admin", "run-program", "daphne", "asgi:application"}, {"Dockerfile", 4}, f);
  scan_command({"torchrun", "--nproc_per_node=2", "train.py"}, {"Dockerfile", 5}, f);
  scan_command({"echo", "gunicorn"}, {"Dockerfile", 6}, f);
  EXPECT_EQ(used(f), (std::vector<std::string>{"module:celery", "celery", "module:proj", "newrelic", "daphne",
                                               "module:asgi", "torch", "module:train"}));
}

}  // namespace
}  // namespace ballast::python
