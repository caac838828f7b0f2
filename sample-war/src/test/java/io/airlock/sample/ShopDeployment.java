package io.airlock.sample;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build packaged (target/shop.war), deployed as it is: the tests see what users run. */
final class ShopDeployment {

    private ShopDeployment() {
    }

    static WebArchive war() {
        File war = new File(System.getProperty("shop.war", "target/shop.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests through Maven (mvn verify), which packages it first.");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
