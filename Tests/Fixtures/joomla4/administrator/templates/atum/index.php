<?php
// sitesnap fixture (own text): stands in for Joomla's administrator/templates/atum/index.php; only its presence matters.
