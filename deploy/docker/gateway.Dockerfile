# The internet-facing gateway with the advisor console (deploy/k8s/gateway.yaml), also used by
# the migration Job (deploy/k8s/migrate-job.yaml). Its own environment: current aiohttp, no
# Rasa (SECURITY.md "Library versions"), pinned by constraints-gateway.txt.
#   docker build -f deploy/docker/gateway.Dockerfile -t borgerraadgiveren-gateway:0.1.0 .
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 HOME=/tmp
WORKDIR /app

COPY pyproject.toml README.md constraints-gateway.txt alembic.ini ./
COPY bot/ bot/
COPY migrations/ migrations/
COPY knowledge/ knowledge/
RUN pip install -c constraints-gateway.txt -e ".[gateway]" \
    && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin borger

# Nothing under /app is written at run time: the root filesystem can be read-only
# (deploy/k8s: readOnlyRootFilesystem, an emptyDir at /tmp).
USER 10001
EXPOSE 8000
# Liveness, as the manifest's livenessProbe (readiness /health also needs Rasa and the database).
HEALTHCHECK --interval=20s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=2)"]
CMD ["python", "-m", "bot.webapp"]
