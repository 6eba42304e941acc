# The action server: rasa-sdk with our `actions` package (deploy/k8s/actions.yaml). Rasa's
# side, pinned by constraints.txt; only rasa-sdk is installed, not Rasa itself.
#   docker build -f deploy/docker/actions.Dockerfile -t borgerraadgiveren-actions:0.1.0 .
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 HOME=/tmp
WORKDIR /app

COPY pyproject.toml README.md constraints.txt ./
COPY bot/ bot/
COPY actions/ actions/
COPY knowledge/ knowledge/
RUN pip install -c constraints.txt -e ".[actions]" \
    && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin borger

USER 10001
EXPOSE 5055
HEALTHCHECK --interval=20s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=2)"]
CMD ["python", "-m", "rasa_sdk", "--actions", "actions", "--port", "5055"]
