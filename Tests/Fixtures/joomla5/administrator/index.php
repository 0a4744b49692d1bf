<?php
// sitesnap fixture (own text): stands in for Joomla's administrator/index.php (administrator entry point); only its presence matters.
