FROM registry.k8s.io/e2e-test-images/agnhost:2.47
COPY html/kitten.jpg kitten.jpg
COPY html/index.html index.html
CMD ["test-webserver"]
