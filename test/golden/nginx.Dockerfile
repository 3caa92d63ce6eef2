FROM nginx:1.25
RUN apt-get update && apt-get install -y --no-install-recommends curl dnsutils && rm -rf /var/lib/apt/lists/*
COPY default.conf /etc/nginx/conf.d/default.conf
EXPOSE 80
