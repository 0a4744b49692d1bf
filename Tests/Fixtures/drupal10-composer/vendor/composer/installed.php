<?php
// Fixture stub of the file Composer 2 generates (the real one lists every installed package).
return array('root' => array('name' => 'acme/outdoor-site', 'type' => 'project'), 'versions' => array());
