# A bureau's site built with no network: perfsite and every dependency come from ./wheelhouse.
# Prepare on a machine with internet access (same CPU architecture and Python version as the base image):
#   pip wheel --no-deps -w wheelhouse .                 # perfsite itself, from this repository
#   pip download -d wheelhouse -r requirements.lock     # its dependencies (Linux, the base's Python)
# then put the bureau's repository (mkdocs.yml, data/, docs/, overrides/) in ./bureau/ and:
#   docker build --network=none --build-arg SOURCE_DATE_EPOCH=$(git -C bureau log -1 --format=%ct) -t jxgk-site .
#   docker run --rm jxgk-site tar -C /site -c . | tar -C /srv/www/jxgk -x
# BASE selects another base image with python3 and its venv module (Python 3.11.5 or newer: the lock's
# pymdown-extensions requires it), e.g. one made offline with debootstrap (.ci/container does it).
# docs/deploy.md explains each step (政务内网 installation) and what was proven.
ARG BASE=python:3.11-slim
FROM ${BASE}

ENV PIP_NO_INDEX=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    NO_MKDOCS_2_WARNING=1

COPY requirements.lock /tmp/requirements.lock
COPY wheelhouse /wheelhouse
RUN python3 -m venv /opt/perfsite \
 && /opt/perfsite/bin/pip install --no-index --find-links /wheelhouse -r /tmp/requirements.lock perfsite \
 && rm -rf /wheelhouse
ENV PATH=/opt/perfsite/bin:$PATH

# Dates in the sitemap come from this (the bureau's last commit), never from the build clock.
ARG SOURCE_DATE_EPOCH=946684800
ENV SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH}

COPY bureau /bureau
WORKDIR /bureau
RUN perfsite check data && perfsite build --site-dir /site
