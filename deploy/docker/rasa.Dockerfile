# A Rasa server with the trained model (deploy/k8s/rasa.yaml). Rasa's side, pinned by
# constraints.txt. The first stage trains the model from the repository (as `make train`
# does, several minutes); the second has the model and no training inputs it does not need.
#   docker build -f deploy/docker/rasa.Dockerfile -t borgerraadgiveren-rasa:0.1.0 .
FROM python:3.10-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 HOME=/tmp MPLCONFIGDIR=/tmp RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY bot/ bot/
RUN pip install -c constraints.txt -e ".[rasa]"
# The Danish spaCy pipeline the model loads at run time (build/spacy_da, no download).
RUN python -c "from bot.build import build_spacy_pipeline; build_spacy_pipeline()"

FROM base AS train
COPY config.yml ./
COPY domain/ domain/
COPY data/ data/
COPY knowledge/ knowledge/
RUN python -m bot.cli build && python -m bot.cli train

FROM base
COPY config.yml credentials.yml endpoints.yml ./
COPY deploy/endpoints.production.yml deploy/
COPY --from=train /app/models/ models/
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin borger

USER 10001
EXPOSE 5005
# `/` answers once the model is loaded, as the manifest's probes (30-60 s on 2 cores).
HEALTHCHECK --interval=20s --timeout=3s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5005/', timeout=2)"]
# The HTTP API only with the token (BR_RASA_TOKEN, from the Secret); no token, no start.
CMD ["sh", "-c", "exec python -m bot.rasa_server run --model models --port 5005 --interface 0.0.0.0 --credentials credentials.yml --endpoints deploy/endpoints.production.yml --enable-api --auth-token=\"${BR_RASA_TOKEN:?BR_RASA_TOKEN is not set}\""]
