FROM python:3.11-slim
WORKDIR /srv/brm
COPY pyproject.toml README.md ./
COPY app ./app
COPY seed ./seed
COPY cypher ./cypher
RUN pip install --no-cache-dir .
ENV CYPHER_DIR=/srv/brm/cypher
EXPOSE 8000
CMD ["brm", "serve"]
