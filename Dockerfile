FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango; fonts for print-quality letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       fonts-liberation2 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/srv/var
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system --home /app tracker && mkdir -p /srv/var && chown tracker /srv/var
USER tracker
# collectstatic needs a key to import settings; this one is used for nothing else.
RUN DEBUG=False SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
