# Roundtable in one image: the browser bundle is built in a Node stage, the server runs on Python 3.11.
#   docker build -t roundtable .
#   docker run -p 8000:8000 -v roundtable-data:/data -e ROUNDTABLE_PUBLIC_URL=https://roundtable.example.org roundtable
# The organiser key is generated on first start, kept in /data and printed in the log
# (or set ROUNDTABLE_ORGANISER_KEY).

FROM node:20-slim AS frontend
WORKDIR /build/frontend
# The lock file first, so the dependency layer is reused while only the sources change.
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN node build.mjs


FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /srv/roundtable

COPY requirements.txt ./
RUN pip install -r requirements.txt

RUN useradd --system --uid 10001 --user-group --home-dir /srv/roundtable --shell /usr/sbin/nologin roundtable \
    && mkdir -p /data \
    && chown roundtable:roundtable /data

COPY app/ app/
# Compiled once here: the non-root user cannot write __pycache__ next to the code, so start-up stays fast.
RUN python -m compileall -q app
COPY --from=frontend /build/frontend/dist/ frontend/dist/

ENV ROUNDTABLE_DATA_DIR=/data \
    ROUNDTABLE_HOST=0.0.0.0 \
    ROUNDTABLE_PORT=8000
VOLUME /data
EXPOSE 8000
USER roundtable

# The slim image has no curl; Python's standard library is enough for a GET.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('ROUNDTABLE_PORT', '8000'), timeout=4)" || exit 1

CMD ["python", "-m", "app", "serve"]
