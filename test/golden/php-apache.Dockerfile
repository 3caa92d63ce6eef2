FROM php:7-apache
COPY index.php /var/www/html/
