FROM redis:5.0.8
RUN apt-get update && apt-get install -y --no-install-recommends bash && rm -rf /var/lib/apt/lists/*
CMD ["redis-server"]
