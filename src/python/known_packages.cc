#include "python/known_packages.h"

#include <algorithm>

#include "python/package_name.h"

namespace ballast::python {

namespace {

struct Entry {
  std::string_view key;
  std::string_view value;  // blank-separated list
};

// Distribution (PEP 503 normalised) -> top-level import names, where the
// name is not simply the distribution name with '-' -> '_'.
constexpr Entry kImportNames[] = {
    {"apache-airflow", "airflow"},
    {"apache-beam", "apache_beam"},
    {"argon2-cffi", "argon2"},
    {"attrs", "attr attrs"},
    {"azure-core", "azure.core"},
    {"azure-identity", "azure.identity"},
    {"azure-keyvault-secrets", "azure.keyvault.secrets"},
    {"azure-storage-blob", "azure.storage.blob"},
    {"beautifulsoup4", "bs4"},
    {"camelot-py", "camelot"},
    {"confluent-kafka", "confluent_kafka"},
    {"cx-oracle", "cx_Oracle"},
    {"databricks-sql-connector", "databricks.sql"},
    {"django-cors-headers", "corsheaders"},
    {"django-debug-toolbar", "debug_toolbar"},
    {"django-environ", "environ"},
    {"django-filter", "django_filters"},
    {"django-storages", "storages"},
    {"djangorestframework", "rest_framework"},
    {"djangorestframework-simplejwt", "rest_framework_simplejwt"},
    {"dnspython", "dns"},
    {"faiss-cpu", "faiss"},
    {"faiss-gpu", "faiss"},
    {"ffmpeg-python", "ffmpeg"},
    {"fpdf2", "fpdf"},
    {"future", "future past libfuturize libpasteurize"},
    {"gdal", "osgeo"},
    {"gitpython", "git"},
    {"google-api-python-client", "googleapiclient"},
    {"google-auth", "google.auth google.oauth2"},
    {"google-cloud-bigquery", "google.cloud.bigquery"},
    {"google-cloud-pubsub", "google.cloud.pubsub google.cloud.pubsub_v1"},
    {"google-cloud-storage", "google.cloud.storage"},
    {"googleapis-common-protos", "google.api google.rpc google.type"},
    {"grpcio", "grpc"},
    {"grpcio-status", "grpc_status"},
    {"grpcio-tools", "grpc_tools"},
    {"kafka-python", "kafka"},
    {"levenshtein", "Levenshtein"},
    {"llama-cpp-python", "llama_cpp"},
    {"msgpack-python", "msgpack"},
    {"mysqlclient", "MySQLdb"},
    {"netcdf4", "netCDF4"},
    {"newspaper3k", "newspaper"},
    {"onnxruntime-gpu", "onnxruntime"},
    {"openai-whisper", "whisper"},
    {"opencv-contrib-python", "cv2"},
    {"opencv-contrib-python-headless", "cv2"},
    {"opencv-python", "cv2"},
    {"opencv-python-headless", "cv2"},
    {"opentelemetry-api", "opentelemetry"},
    {"opentelemetry-sdk", "opentelemetry.sdk"},
    {"paho-mqtt", "paho"},
    {"pdfminer-six", "pdfminer"},
    {"pillow", "PIL"},
    {"prometheus-client", "prometheus_client"},
    {"protobuf", "google.protobuf"},
    {"psycopg-binary", "psycopg"},
    {"psycopg2-binary", "psycopg2"},
    {"pyasn1-modules", "pyasn1_modules"},
    {"pycryptodome", "Crypto"},
    {"pycryptodomex", "Cryptodome"},
    {"pygithub", "github"},
    {"pygobject", "gi"},
    {"pyicu", "icu"},
    {"pyinstaller", "PyInstaller"},
    {"pyjwt", "jwt"},
    {"pymongo", "pymongo bson gridfs"},
    {"pymupdf", "fitz pymupdf"},
    {"pyopengl", "OpenGL"},
    {"pyopenssl", "OpenSSL"},
    {"pypdf2", "PyPDF2"},
    {"pyqt5", "PyQt5"},
    {"pyqt6", "PyQt6"},
    {"pyserial", "serial"},
    {"pyside6", "PySide6"},
    {"pysocks", "socks"},
    {"pysoundfile", "soundfile"},
    {"python-barcode", "barcode"},
    {"python-crontab", "crontab"},
    {"python-dateutil", "dateutil"},
    {"python-docx", "docx"},
    {"python-dotenv", "dotenv"},
    {"python-engineio", "engineio"},
    {"python-gitlab", "gitlab"},
    {"python-jose", "jose"},
    {"python-json-logger", "pythonjsonlogger"},
    {"python-keycloak", "keycloak"},
    {"python-ldap", "ldap"},
    {"python-levenshtein", "Levenshtein"},
    {"python-magic", "magic"},
    {"python-multipart", "multipart python_multipart"},
    {"python-pptx", "pptx"},
    {"python-rapidjson", "rapidjson"},
    {"python-slugify", "slugify"},
    {"python-snappy", "snappy"},
    {"python-socketio", "socketio"},
    {"python-telegram-bot", "telegram"},
    {"pytorch-lightning", "pytorch_lightning"},
    {"pywavelets", "pywt"},
    {"pywin32", "win32api win32con win32com pywintypes"},
    {"pyyaml", "yaml"},
    {"pyzmq", "zmq"},
    {"readability-lxml", "readability"},
    {"ruamel-yaml", "ruamel.yaml"},
    {"scikit-image", "skimage"},
    {"scikit-learn", "sklearn"},
    {"scikit-optimize", "skopt"},
    {"scikit-video", "skvideo"},
    {"sentry-sdk", "sentry_sdk"},
    {"setuptools", "setuptools pkg_resources _distutils_hack"},
    {"snowflake-connector-python", "snowflake.connector"},
    {"speechrecognition", "speech_recognition"},
    {"tensorflow-cpu", "tensorflow"},
    {"tensorflow-gpu", "tensorflow"},
    {"tf-nightly", "tensorflow"},
    {"umap-learn", "umap"},
    {"web-py", "web"},
    {"websocket-client", "websocket"},
    {"wxpython", "wx"},
};

// Console command -> distribution (entry points of the projects' wheels).
constexpr Entry kCommands[] = {
    {"accelerate", "accelerate"},
    {"airflow", "apache-airflow"},
    {"alembic", "alembic"},
    {"arq", "arq"},
    {"black", "black"},
    {"celery", "celery"},
    {"chainlit", "chainlit"},
    {"dagster", "dagster"},
    {"daphne", "daphne"},
    {"ddtrace-run", "ddtrace"},
    {"deepspeed", "deepspeed"},
    {"django-admin", "django"},
    {"dramatiq", "dramatiq"},
    {"dvc", "dvc"},
    {"fastapi", "fastapi"},
    {"faust", "faust"},
    {"flake8", "flake8"},
    {"flask", "flask"},
    {"flower", "flower"},
    {"gradio", "gradio"},
    {"granian", "granian"},
    {"gunicorn", "gunicorn"},
    {"huey_consumer", "huey"},
    {"huggingface-cli", "huggingface-hub"},
    {"hypercorn", "hypercorn"},
    {"jupyter-lab", "jupyterlab"},
    {"locust", "locust"},
    {"mkdocs", "mkdocs"},
    {"mlflow", "mlflow"},
    {"mypy", "mypy"},
    {"newrelic-admin", "newrelic"},
    {"opentelemetry-instrument", "opentelemetry-distro"},
    {"panel", "panel"},
    {"prefect", "prefect"},
    {"pytest", "pytest"},
    {"ray", "ray"},
    {"rq", "rq"},
    {"rqworker", "rq"},
    {"ruff", "ruff"},
    {"scrapy", "scrapy"},
    {"streamlit", "streamlit"},
    {"supervisord", "supervisor"},
    {"tensorboard", "tensorboard"},
    {"torchrun", "torch"},
    {"uvicorn", "uvicorn"},
    {"uwsgi", "uwsgi"},
    {"voila", "voila"},
    {"waitress-serve", "waitress"},
    {"watchmedo", "watchdog"},
};

// Development / test / lint / docs tools (exact names; see also prefixes).
constexpr std::string_view kDevTools[] = {
    "autopep8", "bandit", "black", "build", "bump2version", "codecov", "commitizen", "coverage", "debugpy",
    "factory-boy", "flake8", "freezegun", "hatch", "hypothesis", "ipdb", "ipykernel", "ipython", "isort",
    "jupyter", "jupyterlab", "line-profiler", "memory-profiler", "mkdocs", "mock", "moto", "mypy", "nox",
    "notebook", "pdbpp", "pip-tools", "pipdeptree", "poetry", "pre-commit", "py-spy", "pycodestyle",
    "pydocstyle", "pyflakes", "pylint", "pyright", "pytest", "requests-mock", "responses", "ruff", "safety",
    "snakeviz", "sphinx", "tox", "twine", "yapf"};
constexpr std::string_view kDevPrefixes[] = {"flake8-", "mkdocs-", "pytest-", "sphinx-", "types-"};

// Packages that are commonly needed without any import statement.
constexpr Entry kImplicit[] = {
    {"aiosqlite", "loaded by SQLAlchemy from a sqlite+aiosqlite:// URL"},
    {"asyncpg", "loaded by SQLAlchemy from a postgresql+asyncpg:// URL"},
    {"eventlet", "a gunicorn/celery worker class"},
    {"gevent", "a gunicorn/celery worker class"},
    {"html5lib", "a BeautifulSoup parser chosen by name"},
    {"httptools", "uvicorn's HTTP parser (uvicorn[standard])"},
    {"lxml", "a BeautifulSoup/pandas parser chosen by name"},
    {"mysqlclient", "loaded by SQLAlchemy/Django from a mysql:// URL"},
    {"openpyxl", "pandas' .xlsx engine"},
    {"psycopg", "loaded by SQLAlchemy/Django from a postgresql:// URL"},
    {"psycopg-binary", "psycopg's compiled implementation"},
    {"psycopg2", "loaded by SQLAlchemy/Django from a postgresql:// URL"},
    {"psycopg2-binary", "loaded by SQLAlchemy/Django from a postgresql:// URL"},
    {"pyarrow", "pandas' parquet/feather engine"},
    {"pymysql", "loaded by SQLAlchemy from a mysql+pymysql:// URL"},
    {"python-multipart", "FastAPI/Starlette form parsing"},
    {"uvloop", "uvicorn's event loop (uvicorn[standard])"},
    {"watchfiles", "uvicorn --reload (uvicorn[standard])"},
    {"websockets", "uvicorn's WebSocket protocol"},
    {"whitenoise", "Django middleware named in settings"},
    {"xlrd", "pandas' .xls engine"},
};

// Requires-Dist of popular projects (no extras, current releases).
constexpr Entry kDependencies[] = {
    {"aiohttp", "aiohappyeyeballs aiosignal attrs frozenlist multidict yarl"},
    {"alembic", "mako sqlalchemy typing-extensions"},
    {"anyio", "idna sniffio"},
    {"boto3", "botocore jmespath s3transfer"},
    {"botocore", "jmespath python-dateutil urllib3"},
    {"celery", "billiard click kombu python-dateutil tzdata vine"},
    {"cryptography", "cffi"},
    {"django", "asgiref sqlparse"},
    {"fastapi", "pydantic starlette typing-extensions"},
    {"flask", "blinker click itsdangerous jinja2 werkzeug"},
    {"httpx", "anyio certifi httpcore idna sniffio"},
    {"huggingface-hub", "filelock fsspec packaging pyyaml requests tqdm typing-extensions"},
    {"jinja2", "markupsafe"},
    {"kombu", "amqp vine"},
    {"librosa", "audioread decorator joblib lazy-loader msgpack numba numpy pooch scikit-learn scipy soundfile soxr typing-extensions"},
    {"matplotlib", "contourpy cycler fonttools kiwisolver numpy packaging pillow pyparsing python-dateutil"},
    {"numba", "llvmlite numpy"},
    {"openai", "anyio distro httpx jiter pydantic sniffio tqdm typing-extensions"},
    {"opencv-python", "numpy"},
    {"opencv-python-headless", "numpy"},
    {"pandas", "numpy python-dateutil pytz tzdata"},
    {"paramiko", "bcrypt cryptography pynacl"},
    {"pydantic", "annotated-types pydantic-core typing-extensions"},
    {"pytest", "iniconfig packaging pluggy"},
    {"python-dateutil", "six"},
    {"requests", "certifi charset-normalizer idna urllib3"},
    {"rich", "markdown-it-py pygments"},
    {"scikit-learn", "joblib numpy scipy threadpoolctl"},
    {"scipy", "numpy"},
    {"seaborn", "matplotlib numpy pandas"},
    {"soundfile", "cffi numpy"},
    {"sqlalchemy", "greenlet typing-extensions"},
    {"starlette", "anyio"},
    {"tensorflow", "absl-py astunparse flatbuffers gast google-pasta grpcio h5py keras libclang ml-dtypes numpy opt-einsum packaging protobuf requests setuptools six tensorboard termcolor typing-extensions wrapt"},
    {"torch", "filelock fsspec jinja2 networkx sympy typing-extensions"},
    {"torchaudio", "torch"},
    {"torchvision", "numpy pillow torch"},
    {"transformers", "filelock huggingface-hub numpy packaging pyyaml regex requests safetensors tokenizers tqdm"},
    {"typer", "click rich shellingham typing-extensions"},
    {"uvicorn", "click h11"},
    {"werkzeug", "markupsafe"},
    {"yarl", "idna multidict"},
};

template <size_t N>
const Entry* find(const Entry (&table)[N], std::string_view key) {
  auto it = std::lower_bound(std::begin(table), std::end(table), key,
                             [](const Entry& e, std::string_view k) { return e.key < k; });
  return it != std::end(table) && it->key == key ? it : nullptr;
}

std::vector<std::string> split(std::string_view list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(' ', start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start) out.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <size_t N>
std::vector<std::string_view> keys(const Entry (&table)[N]) {
  std::vector<std::string_view> out;
  for (const auto& e : table) out.push_back(e.key);
  return out;
}

}  // namespace

ImportNames import_names_for(std::string_view normalized) {
  if (const Entry* e = find(kImportNames, normalized)) return {split(e->value), false};
  ImportNames guess{{guess_import_name(normalized)}, true};
  // "python-foo" projects very often install "foo" (python-dotenv -> dotenv).
  if (normalized.rfind("python-", 0) == 0 && normalized.size() > 7)
    guess.names.push_back(guess_import_name(normalized.substr(7)));
  // Namespace-package families: google-cloud-x -> google.cloud.x, azure-x-y -> azure.x.y.
  if (normalized.rfind("google-cloud-", 0) == 0 && normalized.size() > 13)
    guess.names.push_back("google.cloud." + guess_import_name(normalized.substr(13)));
  if (normalized.rfind("azure-", 0) == 0 && normalized.size() > 6) {
    std::string dotted(normalized);
    std::replace(dotted.begin(), dotted.end(), '-', '.');
    guess.names.push_back(dotted);
  }
  return guess;
}

std::string distribution_for_module(std::string_view module) {
  for (const auto& e : kImportNames) {
    for (const auto& name : split(e.value)) {
      if (name == module) return std::string(e.key);
    }
  }
  return normalize_name(module);
}

std::string_view distribution_for_command(std::string_view command) {
  const Entry* e = find(kCommands, command);
  return e ? e->value : std::string_view();
}

bool is_dev_tool(std::string_view normalized) {
  if (std::binary_search(std::begin(kDevTools), std::end(kDevTools), normalized)) return true;
  for (auto prefix : kDevPrefixes) {
    if (normalized.rfind(prefix, 0) == 0) return true;
  }
  return normalized.size() > 6 && normalized.substr(normalized.size() - 6) == "-stubs";
}

std::string_view implicit_use_reason(std::string_view normalized) {
  const Entry* e = find(kImplicit, normalized);
  return e ? e->value : std::string_view();
}

std::vector<std::string> known_dependencies(std::string_view normalized) {
  const Entry* e = find(kDependencies, normalized);
  return e ? split(e->value) : std::vector<std::string>{};
}

std::size_t import_name_table_size() { return std::size(kImportNames); }
std::vector<std::string_view> import_table_keys() { return keys(kImportNames); }
std::vector<std::string_view> command_table_keys() { return keys(kCommands); }
std::vector<std::string_view> dependency_table_keys() { return keys(kDependencies); }

}  // namespace ballast::python
