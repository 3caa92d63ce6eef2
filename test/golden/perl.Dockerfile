FROM perl:5.30
COPY app.pl /app.pl
CMD ["perl", "/app.pl"]
