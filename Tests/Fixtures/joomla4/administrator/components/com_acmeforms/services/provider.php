<?php

/**
 * @package     Acme.Forms
 * @subpackage  com_acmeforms
 *
 * @copyright   (C) 2021 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

\defined('_JEXEC') or die;

use Acme\Component\Acmeforms\Administrator\Extension\AcmeformsComponent;
use Joomla\CMS\Dispatcher\ComponentDispatcherFactoryInterface;
use Joomla\CMS\Extension\ComponentInterface;
use Joomla\CMS\Extension\Service\Provider\ComponentDispatcherFactory;
use Joomla\CMS\Extension\Service\Provider\MVCFactory;
use Joomla\CMS\MVC\Factory\MVCFactoryInterface;
use Joomla\DI\Container;
use Joomla\DI\ServiceProviderInterface;

return new class () implements ServiceProviderInterface {
    public function register(Container $container): void
    {
        $container->registerServiceProvider(new MVCFactory('\\Acme\\Component\\Acmeforms'));
        $container->registerServiceProvider(new ComponentDispatcherFactory('\\Acme\\Component\\Acmeforms'));

        $container->set(
            ComponentInterface::class,
            function (Container $container) {
                $component = new AcmeformsComponent($container->get(ComponentDispatcherFactoryInterface::class));
                $component->setMVCFactory($container->get(MVCFactoryInterface::class));

                return $component;
            }
        );
    }
};
