<?php
defined('_JEXEC') or die;
return [
	'Acme\\Component\\Acmeforms\\Administrator\\' => [JPATH_ADMINISTRATOR . '/components/com_acmeforms/src'],
	'Acme\\Component\\Acmeforms\\Site\\' => [JPATH_SITE . '/components/com_acmeforms/src'],
	'Joomla\\Component\\Content\\Administrator\\' => [JPATH_ADMINISTRATOR . '/components/com_content/src'],
	'Joomla\\Component\\Content\\Site\\' => [JPATH_SITE . '/components/com_content/src'],
	'Joomla\\Plugin\\System\\Cache\\' => [JPATH_PLUGINS . '/system/cache/src'],
];
