#
#<?php die('Forbidden.'); ?>
#Date: 2024-03-02 09:14:27 UTC
#Software: Joomla! 4.4.3 Stable [ Pamoja ] 20-February-2024 16:00 GMT

#Fields: datetime	priority clientip	category	message
2024-03-02T09:14:27+00:00	ERROR 203.0.113.45	error	Page not found
