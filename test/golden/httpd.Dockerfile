FROM httpd:2.4.43
COPY index.html /usr/local/apache2/htdocs/
