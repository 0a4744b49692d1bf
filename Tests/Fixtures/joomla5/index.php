<?php
// sitesnap fixture (own text): stands in for Joomla's index.php (site entry point); only its presence matters.
