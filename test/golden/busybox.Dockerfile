FROM busybox:1.31
CMD ["sh"]
