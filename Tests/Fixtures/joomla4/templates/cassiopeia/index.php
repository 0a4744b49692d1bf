<?php
// sitesnap fixture (own text): stands in for Joomla's templates/cassiopeia/index.php; only its presence matters.
